package dev.skiff.auth.eks;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signing credentials that a test controls: each {@link #renew()} hands out a new key pair
 * ({@code ...0001}, {@code ...0002}), valid until {@link #expiresAt}.
 */
final class TestingCredentials implements SigningCredentials {

    static final String SECRET_PREFIX = "secretKeyThatMustNeverBeLogged";
    static final String SESSION_PREFIX = "sessionTokenThatMustNeverBeLogged";

    final AtomicInteger fetches = new AtomicInteger();
    final AtomicInteger renewals = new AtomicInteger();
    volatile Instant expiresAt;
    private volatile AwsCredentialsIdentity current;

    TestingCredentials(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    @Override
    public AwsCredentialsIdentity current() {
        if (current == null) {
            int n = fetches.incrementAndGet();
            current = AwsSessionCredentials.builder()
                    .accessKeyId("ASIATESTING%04d".formatted(n))
                    .secretAccessKey(SECRET_PREFIX + n)
                    .sessionToken(SESSION_PREFIX + n)
                    .expirationTime(expiresAt)
                    .build();
        }
        return current;
    }

    @Override
    public void renew() {
        renewals.incrementAndGet();
        current = null;
    }
}
