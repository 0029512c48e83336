package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The loop around the leader elector, on a lease in memory whose requests move the test's clock (a slow API
 * server): what the listener is told.
 */
class LeaderLoopTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final TestingClock clock = new TestingClock(T0);
    private final LeaderElectorTest.MemoryLeases store = new LeaderElectorTest.MemoryLeases();
    private final BlockingQueue<String> told = new LinkedBlockingQueue<>();

    private LeaderLoop loop() {
        LeaderElector elector = new LeaderElector(store, "a", Duration.ofSeconds(15), Duration.ofSeconds(10), clock);
        return new LeaderLoop(elector, Duration.ofMillis(1), new LeaderLoop.Listener() {
            @Override
            public void startedLeading() {
                told.add("started");
            }

            @Override
            public void stoppedLeading() {
                told.add("stopped");
            }
        });
    }

    /** The next {@code n} things the listener is told, waiting up to 10 s for each. */
    private List<String> next(int n) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String event = told.poll(10, TimeUnit.SECONDS);
            if (event == null) {
                break;
            }
            out.add(event);
        }
        return out;
    }

    @Test
    void aLapseThatNoAttemptSawIsToldAsAStopAndAStartSoThatSkippedWorkflowsAreQueuedAgain() throws Exception {
        // Taking the lease takes 6 s; the read of the next attempt 5 s more: leading lapses 10 s after the first
        // attempt began (workers skip what they take then), and that attempt renews before it returns.
        store.beforeCreate = () -> clock.advance(Duration.ofSeconds(6));
        AtomicInteger reads = new AtomicInteger();
        store.beforeGet = () -> {
            if (reads.incrementAndGet() == 2) {
                clock.advance(Duration.ofSeconds(5));
            }
        };
        try (LeaderLoop loop = loop()) {
            loop.start();
            assertThat(next(3)).containsExactly("started", "stopped", "started");
        }
    }

    @Test
    void renewalsInTimeTellOnlyTheStart() throws Exception {
        // Every read takes 2 s: each renewal comes back well before the deadline of the one before.
        AtomicInteger reads = new AtomicInteger();
        store.beforeGet = () -> {
            clock.advance(Duration.ofSeconds(2));
            if (reads.incrementAndGet() == 20) {
                told.add("20 attempts");
            }
        };
        try (LeaderLoop loop = loop()) {
            loop.start();
            assertThat(next(2)).containsExactly("started", "20 attempts");
        }
        assertThat(told).containsExactly("stopped");
    }
}
