package dev.skiff.executor.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a process and everything it started: SIGTERM to the whole tree, then SIGKILL to whatever
 * is still alive after the grace period. Descendants are collected before any signal is sent,
 * because once a parent dies its children are re-parented and no longer show as descendants.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /** Terminates the tree rooted at {@code root}; returns once every member has ended. */
    static void kill(ProcessHandle root, Duration grace) throws InterruptedException {
        Map<Long, ProcessHandle> members = snapshot(root, new LinkedHashMap<>());
        for (ProcessHandle member : members.values()) {
            member.destroy();
        }
        if (!awaitAll(members.values(), grace)) {
            // Anything started since the first snapshot is a descendant of a member still alive.
            for (ProcessHandle member : List.copyOf(members.values())) {
                snapshot(member, members);
            }
            for (ProcessHandle member : members.values()) {
                member.destroyForcibly();
            }
            awaitAll(members.values(), Duration.ofSeconds(10));
        }
    }

    private static Map<Long, ProcessHandle> snapshot(ProcessHandle root, Map<Long, ProcessHandle> into) {
        if (root.isAlive()) {
            into.putIfAbsent(root.pid(), root);
        }
        root.descendants().forEach(d -> into.putIfAbsent(d.pid(), d));
        return into;
    }

    private static boolean awaitAll(Iterable<ProcessHandle> members, Duration limit) throws InterruptedException {
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        members.forEach(m -> exits.add(m.onExit()));
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                    .get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }
}
