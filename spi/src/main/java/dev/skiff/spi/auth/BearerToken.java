package dev.skiff.spi.auth;

import dev.skiff.spi.Stability;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bearer token and when it stops being valid. {@link #toString()} never shows the value.
 *
 * @param value     the token itself
 * @param expiresAt when it expires; empty when it does not, or nobody knows
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record BearerToken(String value, Optional<Instant> expiresAt) {

    public BearerToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the token is still good at {@code now} with {@code margin} to spare. */
    public boolean isFresh(Instant now, java.time.Duration margin) {
        return expiresAt.map(at -> now.plus(margin).isBefore(at)).orElse(true);
    }

    @Override
    public String toString() {
        return "BearerToken[value=<redacted>, expiresAt=" + expiresAt.map(Instant::toString).orElse("never") + "]";
    }
}
