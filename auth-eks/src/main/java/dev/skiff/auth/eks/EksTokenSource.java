package dev.skiff.auth.eks;

import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.TokenSource;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Hands out one cached EKS token to all threads and signs a new one when less than
 * {@link RefreshMargin} of it is left (a fifth of its lifetime, at most a minute). The token's
 * expiry never passes that of the credentials that signed it, so a token signed late in a role
 * session is replaced before the session ends. {@link #refresh()} (after a 401) also renews the
 * credentials.
 */
final class EksTokenSource implements TokenSource {

    private final String clusterName;
    private final SigningCredentials credentials;
    private final Function<AwsCredentialsIdentity, BearerToken> presigner;
    private final Clock clock;
    private final System.Logger logger;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Signed current;

    /** A token and when it was signed (its lifetime is what the refresh margin is a fifth of). */
    private record Signed(BearerToken token, Instant at) {

        boolean isFresh(Instant now) {
            return token.expiresAt().map(end -> RefreshMargin.isFresh(at, end, now)).orElse(true);
        }
    }

    EksTokenSource(String clusterName, SigningCredentials credentials,
            Function<AwsCredentialsIdentity, BearerToken> presigner, Clock clock, System.Logger logger) {
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    @Override
    public BearerToken token() {
        Signed held = current;
        if (held != null && held.isFresh(clock.instant())) {
            return held.token();
        }
        lock.lock();
        try {
            held = current;
            if (held != null && held.isFresh(clock.instant())) {
                return held.token();
            }
            return mint(false);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public BearerToken refresh() {
        Signed seen = current;
        lock.lock();
        try {
            Signed now = current;
            if (now != null && now != seen && now.isFresh(clock.instant())) {
                return now.token(); // another thread refreshed while we waited for the lock
            }
            current = null;
            credentials.renew();
            return mint(true);
        } finally {
            lock.unlock();
        }
    }

    private BearerToken mint(boolean forced) {
        AwsCredentialsIdentity signing;
        try {
            signing = credentials.current();
        } catch (RuntimeException e) {
            throw new ClusterAuthException("cluster '" + clusterName + "': cannot get AWS credentials from "
                    + credentials + ": " + AwsErrors.describe(e) + ". Check the pod's AWS identity (its EKS Pod"
                    + " Identity association) and, with roleArn, that the role's trust policy lets it assume the role", e);
        }
        Instant signedAt = clock.instant();
        BearerToken token = presigner.apply(signing);
        Signed held = new Signed(token, signedAt);
        current = held;
        logger.log(Level.DEBUG, () -> "cluster '" + clusterName + "': signed a new EKS token"
                + (forced ? " (forced)" : "") + ", valid until " + token.expiresAt().map(Object::toString).orElse("?"));
        if (!held.isFresh(clock.instant())) {
            logger.log(Level.WARNING, "cluster '" + clusterName + "': the AWS credentials are about to expire;"
                    + " the EKS token is valid only until " + token.expiresAt().orElseThrow());
        }
        return token;
    }

    @Override
    public String toString() {
        return "EksTokenSource[cluster=" + clusterName + ", token=<redacted>]";
    }
}
