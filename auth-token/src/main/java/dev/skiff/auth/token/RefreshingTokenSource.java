package dev.skiff.auth.token;

import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Caches tokens from a fetcher and fetches a new one ahead of expiry: when less than a fifth of
 * the token's lifetime (at most one minute) is left. Tokens without an expiry are kept until
 * {@link #refresh()}. Thread-safe; one fetch at a time.
 */
final class RefreshingTokenSource implements TokenSource {

    static final Duration MAX_MARGIN = Duration.ofMinutes(1);

    private final Supplier<BearerToken> fetcher;
    private final Clock clock;
    private BearerToken cached;
    private Duration margin = Duration.ZERO;

    RefreshingTokenSource(Supplier<BearerToken> fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    @Override
    public synchronized BearerToken token() {
        if (cached != null && cached.isFresh(clock.instant(), margin)) {
            return cached;
        }
        return refresh();
    }

    @Override
    public synchronized BearerToken refresh() {
        Instant fetchedAt = clock.instant();
        BearerToken token = fetcher.get();
        margin = token.expiresAt().map(at -> marginFor(Duration.between(fetchedAt, at))).orElse(Duration.ZERO);
        cached = token;
        return token;
    }

    static Duration marginFor(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            return Duration.ZERO;
        }
        Duration fifth = lifetime.dividedBy(5);
        return fifth.compareTo(MAX_MARGIN) < 0 ? fifth : MAX_MARGIN;
    }

    @Override
    public String toString() {
        return "RefreshingTokenSource[" + (cached == null ? "empty" : cached) + "]";
    }
}
