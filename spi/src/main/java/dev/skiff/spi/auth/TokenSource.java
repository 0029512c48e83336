package dev.skiff.spi.auth;

import dev.skiff.spi.Stability;

/**
 * Hands out a cluster's current bearer token, refreshing it ahead of expiry. Thread-safe.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface TokenSource {

    /** A token that is valid now; may block while a refresh runs. */
    BearerToken token();

    /**
     * Forgets the cached token and fetches a new one, as after a 401 from the cluster. Returns
     * the new token.
     */
    BearerToken refresh();
}
