package dev.skiff.engine.controller;

import java.util.function.LongSupplier;

/**
 * A token bucket (client-go's QPS/burst limiter): {@code burst} requests may go at once, then {@code qps} per
 * second. {@link #reserve()} takes a token and says how long the caller must wait before using it, so waiting
 * callers are served in order. The time source is passed in (nanoseconds) so tests control it.
 */
public final class TokenBucket {

    private final double nanosPerToken;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    public TokenBucket(double qps, int burst, LongSupplier nanoTime) {
        if (qps <= 0 || burst < 1) {
            throw new IllegalArgumentException("qps must be above 0 and burst at least 1");
        }
        this.nanosPerToken = 1e9 / qps;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Takes a token; the nanoseconds to wait before the request may go (0 when a token was there). */
    public synchronized long reserve() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) / nanosPerToken);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * nanosPerToken);
    }
}
