package dev.skiff.auth.eks;

import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.TokenSource;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Hands out one cached EKS token to all threads and signs a new one when less than a minute of
 * it is left. The token's expiry never passes that of the credentials that signed it.
 * {@link #refresh()} (after a 401) also renews the credentials.
 */
final class EksTokenSource implements TokenSource {

    /** A token is replaced once it has less than this left. */
    static final Duration MARGIN = Duration.ofSeconds(60);

    private final String clusterName;
    private final SigningCredentials credentials;
    private final Function<AwsCredentialsIdentity, BearerToken> presigner;
    private final Clock clock;
    private final System.Logger logger;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile BearerToken current;

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
        BearerToken token = current;
        if (token != null && token.isFresh(clock.instant(), MARGIN)) {
            return token;
        }
        lock.lock();
        try {
            token = current;
            if (token != null && token.isFresh(clock.instant(), MARGIN)) {
                return token;
            }
            return mint(false);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public BearerToken refresh() {
        BearerToken seen = current;
        lock.lock();
        try {
            BearerToken now = current;
            if (now != null && now != seen && now.isFresh(clock.instant(), MARGIN)) {
                return now; // another thread refreshed while we waited for the lock
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
        BearerToken token = presigner.apply(signing);
        current = token;
        logger.log(Level.DEBUG, () -> "cluster '" + clusterName + "': signed a new EKS token"
                + (forced ? " (forced)" : "") + ", valid until " + token.expiresAt().map(Object::toString).orElse("?"));
        if (!token.isFresh(clock.instant(), MARGIN)) {
            logger.log(Level.WARNING, "cluster '" + clusterName + "': the AWS credentials expire within "
                    + MARGIN.toSeconds() + " s; the EKS token is valid only until " + token.expiresAt().orElseThrow());
        }
        return token;
    }

    @Override
    public String toString() {
        return "EksTokenSource[cluster=" + clusterName + ", token=<redacted>]";
    }
}
