package dev.skiff.auth.eks;

import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Signing credentials from an SDK credentials provider (which caches and refreshes them ahead
 * of their expiry). {@link #renew()} replaces the provider, since the SDK's providers cannot be
 * told to drop what they cached.
 */
final class RenewableCredentials implements SigningCredentials {

    private final String description;
    private final Supplier<AwsCredentialsProvider> factory;
    private AwsCredentialsProvider provider;

    RenewableCredentials(String description, Supplier<AwsCredentialsProvider> factory) {
        this.description = Objects.requireNonNull(description, "description");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public AwsCredentialsIdentity current() {
        AwsCredentialsProvider p;
        synchronized (this) {
            if (provider == null) {
                provider = factory.get();
            }
            p = provider;
        }
        return p.resolveCredentials();
    }

    @Override
    public void renew() {
        AwsCredentialsProvider old;
        synchronized (this) {
            old = provider;
            provider = null;
        }
        closeQuietly(old);
    }

    @Override
    public void close() {
        renew();
    }

    private static void closeQuietly(AwsCredentialsProvider p) {
        if (p instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
