package dev.skiff.auth.eks;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The credentials of one assumed-role session, kept until {@link RefreshMargin} before the session
 * ends, then replaced by a new {@code AssumeRole} on the next use (callers wait for it; one call for
 * all threads). Unlike the SDK's provider, whose fixed one-minute stale time would call STS on every
 * use of a session shorter than a minute, the margin follows the session's own lifetime.
 */
final class AssumedRoleCredentials implements SigningCredentials {

    private final String description;
    private final Supplier<AwsSessionCredentials> assumeRole;
    private final Clock clock;
    private final System.Logger logger;
    private AwsSessionCredentials session;
    private Instant obtainedAt;

    /** {@code assumeRole} calls STS and answers the new session's credentials, with their expiration. */
    AssumedRoleCredentials(String description, Supplier<AwsSessionCredentials> assumeRole, Clock clock,
            System.Logger logger) {
        this.description = Objects.requireNonNull(description, "description");
        this.assumeRole = Objects.requireNonNull(assumeRole, "assumeRole");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    @Override
    public synchronized AwsSessionCredentials current() {
        Instant now = clock.instant();
        if (session != null && (session.expirationTime().isEmpty()
                || RefreshMargin.isFresh(obtainedAt, session.expirationTime().get(), now))) {
            return session;
        }
        boolean renewal = session != null;
        AwsSessionCredentials fresh = assumeRole.get();
        session = fresh;
        obtainedAt = now;
        logger.log(Level.DEBUG, () -> (renewal ? "renewed " : "started ") + description + ": session valid until "
                + fresh.expirationTime().map(Object::toString).orElse("?"));
        return fresh;
    }

    @Override
    public synchronized void renew() {
        session = null;
        obtainedAt = null;
    }

    @Override
    public String toString() {
        return description;
    }
}
