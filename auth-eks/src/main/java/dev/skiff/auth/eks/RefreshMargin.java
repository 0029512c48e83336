package dev.skiff.auth.eks;

import java.time.Duration;
import java.time.Instant;

/**
 * How long before its end a credential (an assumed-role session, an EKS token) is replaced: a
 * fifth of its lifetime, at most a minute. A 15-minute token or a one-hour session is replaced a
 * minute ahead; a 20-second session (a test emulator's) four seconds ahead, so short lifetimes do
 * not turn into a new credential per request.
 */
final class RefreshMargin {

    static final Duration MAX = Duration.ofSeconds(60);

    private RefreshMargin() {
    }

    /** The margin for a credential obtained at {@code from} that stops working at {@code until}. */
    static Duration of(Instant from, Instant until) {
        Duration lifetime = Duration.between(from, until);
        if (lifetime.isNegative()) {
            return Duration.ZERO;
        }
        Duration fifth = lifetime.dividedBy(5);
        return fifth.compareTo(MAX) < 0 ? fifth : MAX;
    }

    /** Whether a credential obtained at {@code from} and ending at {@code until} may still be used at {@code now}. */
    static boolean isFresh(Instant from, Instant until, Instant now) {
        return now.plus(of(from, until)).isBefore(until);
    }
}
