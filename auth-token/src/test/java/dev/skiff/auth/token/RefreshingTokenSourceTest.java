package dev.skiff.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.spi.auth.BearerToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefreshingTokenSourceTest {

    private final TestingClock clock = new TestingClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final AtomicInteger fetches = new AtomicInteger();

    private BearerToken fetchValidFor(Duration lifetime) {
        int n = fetches.incrementAndGet();
        return new BearerToken("t" + n, Optional.of(clock.instant().plus(lifetime)));
    }

    @Test
    void keepsATokenWhileMoreThanTheMarginIsLeft() {
        var source = new RefreshingTokenSource(() -> fetchValidFor(Duration.ofMinutes(15)), clock);
        assertThat(source.token().value()).isEqualTo("t1");
        clock.advance(Duration.ofMinutes(13).plusSeconds(59));
        assertThat(source.token().value()).isEqualTo("t1");
        assertThat(fetches).hasValue(1);
    }

    @Test
    void fetchesANewTokenOneMinuteBeforeALongLivedOneExpires() {
        var source = new RefreshingTokenSource(() -> fetchValidFor(Duration.ofMinutes(15)), clock);
        source.token();
        clock.advance(Duration.ofMinutes(14));
        assertThat(source.token().value()).isEqualTo("t2");
        assertThat(source.token().expiresAt()).contains(clock.instant().plus(Duration.ofMinutes(15)));
    }

    @Test
    void shortLivedTokensAreRenewedWithAFifthOfTheirLifetimeLeft() {
        var source = new RefreshingTokenSource(() -> fetchValidFor(Duration.ofSeconds(100)), clock);
        source.token();
        clock.advance(Duration.ofSeconds(79));
        assertThat(source.token().value()).isEqualTo("t1");
        clock.advance(Duration.ofSeconds(2));
        assertThat(source.token().value()).isEqualTo("t2");
    }

    @Test
    void tokensWithoutExpiryAreKeptUntilRefreshIsAskedFor() {
        var source = new RefreshingTokenSource(
                () -> new BearerToken("t" + fetches.incrementAndGet(), Optional.empty()), clock);
        source.token();
        clock.advance(Duration.ofDays(400));
        assertThat(source.token().value()).isEqualTo("t1");
        assertThat(source.refresh().value()).isEqualTo("t2");
        assertThat(source.token().value()).isEqualTo("t2");
    }

    @Test
    void toStringNeverShowsTheToken() {
        var source = new RefreshingTokenSource(() -> new BearerToken("s3cr3t-value", Optional.empty()), clock);
        source.token();
        assertThat(source.toString()).doesNotContain("s3cr3t-value");
    }
}
