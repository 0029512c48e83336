package dev.skiff.engine.controller;

import java.time.Duration;

/**
 * Runs a {@link LeaderElector}: one attempt every {@code retryPeriod} on its own thread, telling the listener
 * when this replica starts and stops leading (a lapse that no attempt saw, {@link LeaderElector#lapses()}, counts
 * as a stop and a start). Closing it stops the attempts and releases the lease.
 */
final class LeaderLoop implements AutoCloseable {

    /** Told on the loop's thread; must return quickly. */
    interface Listener {
        void startedLeading();

        void stoppedLeading();
    }

    private final LeaderElector elector;
    private final Duration retryPeriod;
    private final Listener listener;
    private final Thread thread;
    private final Object wake = new Object();
    private volatile boolean closed;
    private boolean leading;
    private long lapsesSeen;

    LeaderLoop(LeaderElector elector, Duration retryPeriod, Listener listener) {
        this.elector = elector;
        this.retryPeriod = retryPeriod;
        this.listener = listener;
        this.thread = new Thread(this::run, "skiff-leader-election");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (!closed) {
            boolean now = elector.tryAcquireOrRenew();
            long lapses = elector.lapses();
            boolean lapsed = lapses != lapsesSeen;
            lapsesSeen = lapses;
            if (closed) {
                break;
            }
            if (now && leading && lapsed) {
                // Leading lapsed between two attempts (a renewal came back after the renew deadline) and came
                // back unseen: meanwhile workers dropped the workflows they took and skipped steps they had decided
                // to start. As after a stop and a start: sessions are rebuilt, every workflow is queued again.
                ControllerLog.info("leader.lapsed", "identity", elector.identity());
                try {
                    listener.stoppedLeading();
                    listener.startedLeading();
                } catch (RuntimeException e) {
                    ControllerLog.error("leader.listener.failed", "message", String.valueOf(e));
                }
            } else if (now != leading) {
                leading = now;
                ControllerLog.info(now ? "leader.started" : "leader.stopped", "identity", elector.identity());
                try {
                    if (now) {
                        listener.startedLeading();
                    } else {
                        listener.stoppedLeading();
                    }
                } catch (RuntimeException e) {
                    ControllerLog.error("leader.listener.failed", "message", String.valueOf(e));
                }
            }
            synchronized (wake) {
                try {
                    wake.wait(Math.max(1, retryPeriod.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    /** Stops at once without releasing the lease or telling the listener (a killed process, for tests). */
    void abandon() {
        closed = true;
        thread.interrupt();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (leading) {
            listener.stoppedLeading();
        }
        elector.release();
    }
}
