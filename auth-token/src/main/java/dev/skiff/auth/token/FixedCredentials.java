package dev.skiff.auth.token;

import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterCredentials;

/**
 * A provider whose credentials were settled when it was created (tokens still refresh).
 *
 * @param credentials the credentials
 * @param caHint      which setting gives the API server's CA, for untrusted-certificate messages
 */
record FixedCredentials(ClusterCredentials credentials, String caHint) implements ClusterAuthProvider {
}
