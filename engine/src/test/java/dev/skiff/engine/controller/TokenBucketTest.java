package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void burstGoesAtOnceThenRequestsAreSpacedByQps() {
        TokenBucket bucket = new TokenBucket(10, 3, nanos::get);
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(100_000_000L);
        assertThat(bucket.reserve()).isEqualTo(200_000_000L);
    }

    @Test
    void tokensComeBackWithTimeUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(10, 2, nanos::get);
        bucket.reserve();
        bucket.reserve();
        nanos.addAndGet(10_000_000_000L);
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(100_000_000L);
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, nanos::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, nanos::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
