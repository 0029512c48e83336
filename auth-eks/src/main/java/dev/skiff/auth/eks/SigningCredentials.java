package dev.skiff.auth.eks;

import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The AWS credentials tokens are signed with. Thread-safe. */
interface SigningCredentials extends AutoCloseable {

    /** Credentials valid now (may call STS or the Pod Identity agent). */
    AwsCredentialsIdentity current();

    /** Drops cached credentials, so the next {@link #current()} fetches new ones. */
    void renew();

    @Override
    default void close() {
    }
}
