package dev.skiff.spi.auth;

import dev.skiff.spi.Stability;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach and authenticate to one Kubernetes API server.
 *
 * <p>Every instance is safe to hand to an HTTP client: the server is an {@code https} (or
 * {@code http}) URL with a host and without user information, query or fragment, and credentials
 * (a token or a client certificate) go with {@code http} only when
 * {@code insecureSendCredentialsOverHttp} says so. The constructor refuses anything else with a
 * {@link ClusterAuthException} whose message never quotes the URL.
 *
 * @param server                          the API server's https URI
 * @param caBundle                        PEM certificates to trust; empty means the JDK's default trust store
 * @param token                           bearer tokens, when the cluster takes them
 * @param clientCertificate               a TLS client certificate, when the cluster takes one
 * @param insecureSkipTlsVerify           trust any server certificate (test clusters only)
 * @param insecureSendCredentialsOverHttp allow a plain {@code http} server although the credentials
 *                                        then travel unencrypted (tests only; the engine logs a
 *                                        warning whenever it is used)
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record ClusterCredentials(
        URI server,
        Optional<byte[]> caBundle,
        Optional<TokenSource> token,
        Optional<ClientCertificate> clientCertificate,
        boolean insecureSkipTlsVerify,
        boolean insecureSendCredentialsOverHttp) {

    /** The config key (of every built-in auth type) that sets {@code insecureSendCredentialsOverHttp}. */
    public static final String INSECURE_HTTP_KEY = "insecureSendCredentialsOverHttp";

    public ClusterCredentials {
        Objects.requireNonNull(server, "server");
        caBundle = Objects.requireNonNull(caBundle, "caBundle").map(byte[]::clone);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        checkServer(server);
        if (isPlainHttp(server) && (token.isPresent() || clientCertificate.isPresent())
                && !insecureSendCredentialsOverHttp) {
            throw new ClusterAuthException("the API server URL is plain http, " + (token.isPresent()
                    ? "which would send the bearer token unencrypted" : "where a client certificate cannot be used")
                    + "; use https (for a test cluster only: " + INSECURE_HTTP_KEY + ": true)");
        }
    }

    /** Credentials that never go over plain {@code http}. */
    public ClusterCredentials(URI server, Optional<byte[]> caBundle, Optional<TokenSource> token,
            Optional<ClientCertificate> clientCertificate, boolean insecureSkipTlsVerify) {
        this(server, caBundle, token, clientCertificate, insecureSkipTlsVerify, false);
    }

    @Override
    public Optional<byte[]> caBundle() {
        return caBundle.map(byte[]::clone);
    }

    /** Whether the server is plain {@code http}, so anything sent to it travels unencrypted. */
    public boolean plainHttp() {
        return isPlainHttp(server);
    }

    private static boolean isPlainHttp(URI server) {
        return "http".equalsIgnoreCase(server.getScheme());
    }

    private static void checkServer(URI server) {
        // The URL itself is never quoted: a user-info part or a query may hold a secret.
        String scheme = server.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            throw new ClusterAuthException("the API server URL must start with https://");
        }
        if (server.getRawUserInfo() != null || server.getRawAuthority() != null && server.getRawAuthority().contains("@")) {
            throw new ClusterAuthException("the API server URL must not hold user information (user:password@ before"
                    + " the host); give credentials in the auth settings instead");
        }
        if (server.getHost() == null) {
            throw new ClusterAuthException("the API server URL has no host; give it as https://<host>[:<port>]");
        }
        if (server.getRawQuery() != null || server.getRawFragment() != null) {
            throw new ClusterAuthException("the API server URL must not have a query (?...) or fragment (#...)");
        }
    }

    @Override
    public String toString() {
        return "ClusterCredentials[server=" + server.getScheme() + "://" + server.getHost()
                + (server.getPort() < 0 ? "" : ":" + server.getPort()) + ", token=" + token.isPresent()
                + ", clientCertificate=" + clientCertificate.isPresent()
                + (insecureSendCredentialsOverHttp ? ", " + INSECURE_HTTP_KEY : "") + "]";
    }
}
