package dev.skiff.auth.token;

import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterCredentials;

/** A provider whose credentials were settled when it was created (tokens still refresh). */
record FixedCredentials(ClusterCredentials credentials) implements ClusterAuthProvider {
}
