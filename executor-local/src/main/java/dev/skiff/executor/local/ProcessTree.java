package dev.skiff.executor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Ends a process and everything it started: SIGTERM to the whole tree, its process group and the processes
 * that carry the step's mark, then SIGKILL to whatever is still alive after the grace period. Descendants
 * are collected before any signal is sent, because once a parent dies its children are re-parented and no
 * longer show as descendants (the mark and the group still find them).
 */
final class ProcessTree {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final boolean HAS_PROC = Files.isDirectory(Path.of("/proc/self"));
    /** How long killed processes may take to disappear (SIGKILL cannot be ignored; this only bounds a hung kernel). */
    private static final Duration AFTER_KILL = Duration.ofSeconds(30);

    private ProcessTree() {
    }

    /**
     * Terminates the tree rooted at {@code root}, the process group it leads when {@code groups} can, and
     * the processes {@code marked} finds; returns once every one of them has ended (or {@link #AFTER_KILL}
     * after SIGKILL).
     */
    static void kill(ProcessHandle root, Duration grace, ProcessGroups groups, Supplier<List<ProcessHandle>> marked)
            throws InterruptedException {
        Map<Long, ProcessHandle> members = snapshot(root, new LinkedHashMap<>());
        marked.get().forEach(p -> members.putIfAbsent(p.pid(), p));
        for (ProcessHandle member : members.values()) {
            member.destroy();
        }
        if (groups.enabled()) {
            groups.signal(root.pid(), "TERM");
        }
        if (!awaitAll(members.values(), grace)) {
            if (groups.enabled()) {
                groups.signal(root.pid(), "KILL");
            }
            // Anything started since the first snapshot is a descendant of a member still alive, or marked.
            for (ProcessHandle member : List.copyOf(members.values())) {
                snapshot(member, members);
            }
            for (ProcessHandle member : members.values()) {
                member.destroyForcibly();
            }
            awaitAll(members.values(), AFTER_KILL);
            killAll(marked);
        }
    }

    /**
     * SIGKILL to every process {@code find} finds, until it finds none: a process that forked while the
     * previous search ran is found by the next one (its parent, found before, can fork no more once dead).
     */
    static void killAll(Supplier<List<ProcessHandle>> find) throws InterruptedException {
        for (int round = 0; round < 10; round++) {
            List<ProcessHandle> found = find.get();
            if (found.isEmpty()) {
                return;
            }
            found.forEach(ProcessHandle::destroyForcibly);
            awaitAll(found, AFTER_KILL);
        }
    }

    private static Map<Long, ProcessHandle> snapshot(ProcessHandle root, Map<Long, ProcessHandle> into) {
        if (root.isAlive()) {
            into.putIfAbsent(root.pid(), root);
        }
        root.descendants().forEach(d -> into.putIfAbsent(d.pid(), d));
        return into;
    }

    /**
     * Waits until every member ended, looking every {@link #POLL}: most are not this JVM's children, whose
     * exit it cannot wait for, and a zombie (dead, waiting for its parent or init to reap it) counts as ended.
     */
    private static boolean awaitAll(Iterable<ProcessHandle> members, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        List<ProcessHandle> left = new ArrayList<>();
        members.forEach(left::add);
        while (true) {
            left.removeIf(p -> !isRunning(p));
            if (left.isEmpty()) {
                return true;
            }
            if (System.nanoTime() >= until) {
                return false;
            }
            Thread.sleep(POLL);
        }
    }

    /** Alive and not a zombie ({@code /proc/<pid>/stat} state {@code Z}; where there is no /proc, alive). */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        if (!HAS_PROC) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
