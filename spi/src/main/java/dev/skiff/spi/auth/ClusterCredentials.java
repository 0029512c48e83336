package dev.skiff.spi.auth;

import dev.skiff.spi.Stability;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach and authenticate to one Kubernetes API server.
 *
 * @param server                the API server's https URI
 * @param caBundle              PEM certificates to trust; empty means the JDK's default trust store
 * @param token                 bearer tokens, when the cluster takes them
 * @param clientCertificate     a TLS client certificate, when the cluster takes one
 * @param insecureSkipTlsVerify trust any server certificate (test clusters only)
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record ClusterCredentials(
        URI server,
        Optional<byte[]> caBundle,
        Optional<TokenSource> token,
        Optional<ClientCertificate> clientCertificate,
        boolean insecureSkipTlsVerify) {

    public ClusterCredentials {
        Objects.requireNonNull(server, "server");
        caBundle = Objects.requireNonNull(caBundle, "caBundle").map(byte[]::clone);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
    }

    @Override
    public Optional<byte[]> caBundle() {
        return caBundle.map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "ClusterCredentials[server=" + server + ", token=" + token.isPresent()
                + ", clientCertificate=" + clientCertificate.isPresent() + "]";
    }
}
