package dev.skiff.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Looks at the host's processes and mount tables, to see what pods of the process kubelet leave. */
final class HostProcesses {
    private HostProcesses() {
    }

    /**
     * A {@code sleep} command that sleeps an hour and carries a unique marker in its command line
     * ({@code sleep 3600 0.<digits>}: GNU sleep adds its arguments up).
     */
    static String markedSleep(String marker) {
        return "sleep 3600 " + marker;
    }

    /** A unique marker for {@link #markedSleep}: {@code 0.} and 18 digits. */
    static String newMarker() {
        return "0." + String.format("%018d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000_000_000L));
    }

    /** Pids of the host's processes whose command line contains marker. */
    static List<Long> withMarker(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .map(ProcessHandle::pid)
                .toList();
    }

    /** Pids of processes, in any mount namespace, whose mount table mentions path. */
    static List<Long> mounting(Path path) {
        String text = path.toString();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("mountinfo")).contains(text);
                        } catch (IOException | RuntimeException gone) {
                            return false;
                        }
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }
}
