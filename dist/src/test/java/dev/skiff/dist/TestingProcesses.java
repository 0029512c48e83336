package dev.skiff.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Finds the processes a test's workflow started, by a variable the test put in the steps' environment
 * (inherited by everything they start, whatever becomes of their parent), through {@code /proc}. Linux only.
 */
final class TestingProcesses {

    private TestingProcesses() {
    }

    /** The pids of running processes (zombies excluded) whose environment holds {@code name=value}. */
    static List<Long> withEnvironment(String name, String value) {
        byte[] entry = (name + "=" + value).getBytes(StandardCharsets.UTF_8);
        List<Long> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                Path proc = Path.of("/proc", Long.toString(p.pid()));
                if (!isZombie(proc) && contains(Files.readAllBytes(proc.resolve("environ")), entry)) {
                    found.add(p.pid());
                }
            } catch (IOException e) {
                // gone, or not readable
            }
        });
        return found;
    }

    /** Each pid with its command line, for a failure message. */
    static String describe(List<Long> pids) {
        StringBuilder out = new StringBuilder();
        for (long pid : pids) {
            out.append(pid).append(' ').append(ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("?"))
                    .append('\n');
        }
        return out.toString();
    }

    /** Waits until the condition holds (looking every 10 ms), at most a minute; false if it never did. */
    static boolean await(BooleanSupplier condition) {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    private static boolean isZombie(Path proc) throws IOException {
        String stat = Files.readString(proc.resolve("stat"));
        int end = stat.lastIndexOf(')');
        return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    }

    private static boolean contains(byte[] environ, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(environ, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
