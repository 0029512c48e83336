package dev.skiff.executor.pod.kube;

/**
 * A token bucket like client-go's: {@code qps} tokens a second, at most {@code burst} saved up. {@link #acquire}
 * blocks the calling (writer) thread until a token is there.
 */
public final class RateLimiter {

    private final double qps;
    private final double burst;
    private double tokens;
    private long last;

    public RateLimiter(double qps, int burst) {
        if (qps <= 0 || burst < 1) {
            throw new IllegalArgumentException("qps must be > 0 and burst >= 1");
        }
        this.qps = qps;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    public void acquire() throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            refill();
            tokens -= 1;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens / qps * 1e9);
        }
        if (waitNanos > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    /** The limits and the tokens there are now; below zero, writers are waiting for that many. */
    @Override
    public synchronized String toString() {
        refill();
        return String.format(java.util.Locale.ROOT, "qps %s, burst %s, %.1f tokens", qps, burst, tokens);
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * qps);
        last = now;
    }
}
