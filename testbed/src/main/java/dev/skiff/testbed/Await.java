package dev.skiff.testbed;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Waits for a state of a cluster by polling it, the way a test waits for a pod to finish. */
public final class Await {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Await() {
    }

    /** One look at the state; empty while it is not reached yet. */
    @FunctionalInterface
    public interface Probe<T> {
        Optional<T> look() throws Exception;
    }

    /**
     * Polls {@code probe} until it yields a value and returns it.
     *
     * @throws TestbedException if {@code timeout} passes first (naming {@code what}), or the probe
     *     throws
     */
    public static <T> T until(String what, Duration timeout, Probe<T> probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> value;
            try {
                value = probe.look();
            } catch (Exception e) {
                throw new TestbedException("failed while waiting for " + what + ": " + e, e);
            }
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new TestbedException("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TestbedException("interrupted while waiting for " + what, e);
            }
        }
    }
}
