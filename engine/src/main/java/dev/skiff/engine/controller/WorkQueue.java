package dev.skiff.engine.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The controller's work queue, with client-go's workqueue semantics: a key is handed to one worker at a time
 * ({@link #take} until {@link #done}); adding a key that waits already does nothing; a key added while a
 * worker holds it is handed out again once that worker is done; {@link #addAt} hands a key out at a time (retry
 * back-off, deadlines: every time asked for is kept, never a fixed poll); {@link #addRateLimited} after a
 * failure backs off per key, exponentially. The clock is passed in so tests control time.
 *
 * @param <K> the key type
 */
public final class WorkQueue<K> {

    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private record Delayed<K>(Instant at, long seq, K key) {
    }

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<K> ready = new ArrayDeque<>();
    private final Set<K> waiting = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final PriorityQueue<Delayed<K>> delayed = new PriorityQueue<>((a, b) -> a.at.equals(b.at)
            ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
    private final Set<Map.Entry<K, Instant>> delayedKeys = new HashSet<>();
    private final Map<K, Integer> failures = new HashMap<>();
    private long seq;
    private boolean shutDown;

    public WorkQueue(Clock clock) {
        this.clock = clock;
    }

    /** Asks for the key to be handed out as soon as possible. */
    public void add(K key) {
        lock.lock();
        try {
            if (shutDown || !waiting.add(key)) {
                return;
            }
            if (!processing.contains(key)) {
                ready.add(key);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Asks for the key to be handed out at {@code at} (at once when that is not in the future). */
    public void addAt(K key, Instant at) {
        lock.lock();
        try {
            if (shutDown) {
                return;
            }
            if (!at.isAfter(clock.instant())) {
                add(key);
                return;
            }
            if (delayedKeys.add(Map.entry(key, at))) {
                delayed.add(new Delayed<>(at, seq++, key));
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** After a failure: hands the key out again after a back-off that doubles with each failure (up to 30 s). */
    public void addRateLimited(K key) {
        Duration wait;
        lock.lock();
        try {
            int n = failures.merge(key, 1, Integer::sum);
            wait = FIRST_RETRY.multipliedBy(1L << Math.min(n - 1, 20));
            if (wait.compareTo(LAST_RETRY) > 0) {
                wait = LAST_RETRY;
            }
        } finally {
            lock.unlock();
        }
        addAt(key, clock.instant().plus(wait));
    }

    /** The key was handled successfully: its back-off starts over. */
    public void forget(K key) {
        lock.lock();
        try {
            failures.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** The next key that is due, without waiting; the caller must call {@link #done} with it. */
    public Optional<K> poll() {
        lock.lock();
        try {
            promoteDue();
            return Optional.ofNullable(next());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code maxWait} (real time) for a key that is due; empty when none came or the queue was shut
     * down. The caller must call {@link #done} with the key.
     */
    public Optional<K> take(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            while (true) {
                promoteDue();
                K key = next();
                if (key != null || shutDown) {
                    return Optional.ofNullable(key);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                if (!delayed.isEmpty()) {
                    long untilDue = Duration.between(clock.instant(), delayed.peek().at).toNanos();
                    left = Math.min(left, Math.max(untilDue, TimeUnit.MILLISECONDS.toNanos(1)));
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The worker is done with the key; if it was added meanwhile, it is handed out again. */
    public void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (waiting.contains(key)) {
                ready.add(key);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Keys waiting to be handed out now (not counting delayed ones): the queue depth. */
    public int depth() {
        lock.lock();
        try {
            promoteDue();
            return ready.size();
        } finally {
            lock.unlock();
        }
    }

    /** Keys waiting for a later time. */
    public int delayedCount() {
        lock.lock();
        try {
            return delayed.size();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting worker; from now on nothing is added or handed out. */
    public void shutDown() {
        lock.lock();
        try {
            shutDown = true;
            ready.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private K next() {
        K key = ready.poll();
        if (key != null) {
            waiting.remove(key);
            processing.add(key);
        }
        return key;
    }

    private void promoteDue() {
        Instant now = clock.instant();
        while (!delayed.isEmpty() && !delayed.peek().at.isAfter(now)) {
            Delayed<K> due = delayed.poll();
            delayedKeys.remove(Map.entry(due.key, due.at));
            if (waiting.add(due.key) && !processing.contains(due.key)) {
                ready.add(due.key);
            }
        }
    }
}
