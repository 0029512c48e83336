package dev.skiff.executor.pod;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * How many failures of one kind happened and the last few messages with their time, for the executor's state
 * description ({@link PodExecutor#toString()}): what a test prints when it times out waiting for the executor.
 */
final class RecentFailures {

    private static final int KEPT = 5;

    private final Clock clock;
    private final Deque<String> last = new ArrayDeque<>();
    private long count;

    RecentFailures(Clock clock) {
        this.clock = clock;
    }

    synchronized void add(String message) {
        count++;
        if (last.size() == KEPT) {
            last.removeFirst();
        }
        last.addLast(clock.instant() + " " + message);
    }

    synchronized long count() {
        return count;
    }

    /** {@code none}, or the count and the last messages, oldest first. */
    @Override
    public synchronized String toString() {
        return count == 0 ? "none" : count + " (last: " + List.copyOf(last) + ")";
    }
}
