package dev.skiff.executor.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a step's processes by a variable in their environment, {@value #VARIABLE}, which every process a
 * step starts inherits: so Skiff finds what a step left running even after it left the step's process
 * tree and process group (a double fork, {@code setsid}), as a container's PID namespace would hold it.
 * Reads {@code /proc/<pid>/environ}, the environment a process was started with, so Linux only; where
 * there is no {@code /proc} (macOS) it finds nothing and only process trees and groups are signalled. A
 * process that started with a fresh environment ({@code env -i}, {@code sudo}) is not found, nor one of
 * another user that this user may not inspect.
 *
 * @param proc the proc file system, {@code /proc}; empty where there is none
 */
record MarkedProcesses(Optional<Path> proc) {

    /** The variable that marks a step's processes: {@code <run id>/<step id>}. */
    static final String VARIABLE = "SKIFF_STEP";

    /** The host's: {@code /proc} if it shows this process's environment. */
    static MarkedProcesses onThisHost() {
        Path proc = Path.of("/proc");
        boolean readable = Files.isReadable(proc.resolve(Long.toString(ProcessHandle.current().pid())).resolve("environ"));
        return new MarkedProcesses(readable ? Optional.of(proc) : Optional.empty());
    }

    boolean available() {
        return proc.isPresent();
    }

    /** The live processes (other than this one) whose {@value #VARIABLE} is {@code value}. */
    List<ProcessHandle> withValue(String value) {
        return find(value, false);
    }

    /** The live processes (other than this one) whose {@value #VARIABLE} starts with {@code prefix}. */
    List<ProcessHandle> withPrefix(String prefix) {
        return find(prefix, true);
    }

    private List<ProcessHandle> find(String value, boolean prefix) {
        if (proc.isEmpty()) {
            return List.of();
        }
        byte[] needle = (VARIABLE + "=" + value).getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = new ArrayList<>();
        // The handle is taken before the environment is read: it remembers the start time, so a pid reused
        // meanwhile is never signalled (ProcessHandle checks it).
        ProcessHandle.allProcesses().filter(p -> p.pid() != self).forEach(p -> {
            if (carries(p.pid(), needle, prefix)) {
                found.add(p);
            }
        });
        return found;
    }

    private boolean carries(long pid, byte[] needle, boolean prefix) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(proc.get().resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false; // gone, or not ours to read
        }
        int start = 0;
        while (start < environ.length) {
            int end = start;
            while (end < environ.length && environ[end] != 0) {
                end++;
            }
            if (matches(environ, start, end, needle, prefix)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean matches(byte[] environ, int start, int end, byte[] needle, boolean prefix) {
        int length = end - start;
        if (length < needle.length || !prefix && length != needle.length) {
            return false;
        }
        for (int i = 0; i < needle.length; i++) {
            if (environ[start + i] != needle[i]) {
                return false;
            }
        }
        return true;
    }
}
