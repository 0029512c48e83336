package dev.skiff.auth.eks;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an EKS cluster's API server is and which CA signed its certificate.
 *
 * @param server the API server's https URL
 * @param caPem  PEM certificates to trust; empty means the JDK's trust store
 */
record ClusterEndpoint(URI server, Optional<byte[]> caPem) {

    ClusterEndpoint {
        Objects.requireNonNull(server, "server");
        caPem = caPem.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> caPem() {
        return caPem.map(byte[]::clone);
    }
}
