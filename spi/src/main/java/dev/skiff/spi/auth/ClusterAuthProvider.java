package dev.skiff.spi.auth;

import dev.skiff.spi.Stability;

/** Credentials of one configured cluster. Thread-safe. */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ClusterAuthProvider extends AutoCloseable {

    /** How to reach the cluster; throws {@link ClusterAuthException} when that cannot be known. */
    ClusterCredentials credentials();

    /** Releases what the provider holds (HTTP clients, file watches). */
    @Override
    default void close() {
    }
}
