package dev.skiff.auth.token;

import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import dev.skiff.spi.auth.ClusterCredentials;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * {@code auth: {type: in-cluster}}: the pod's own ServiceAccount. Server from
 * {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}, token and CA from the mounted ServiceAccount
 * files; the token file is re-read whenever the kubelet rotates it. Each of {@code server},
 * {@code tokenFile} and {@code caFile} may be set to override the default.
 */
public final class InClusterAuthFactory implements ClusterAuthProviderFactory {

    public static final String NAME = "in-cluster";
    static final Path ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("server", "tokenFile", "caFile", "insecureSkipTlsVerify", ClusterCredentials.INSECURE_HTTP_KEY);
    }

    @Override
    public ClusterAuthProvider create(ClusterAuthConfig config, AuthContext context) {
        AuthSettings settings = new AuthSettings(config, context);
        boolean plainHttp = settings.flag(ClusterCredentials.INSECURE_HTTP_KEY);
        URI server = settings.string("server")
                .map(s -> ServerAddress.parse(s, "cluster '" + config.clusterName() + "': auth key 'server'", plainHttp))
                .orElseGet(() -> serverFromEnvironment(config.clusterName(), context));
        Path tokenFile = settings.path("tokenFile").orElse(ACCOUNT_DIR.resolve("token"));
        if (!Files.isRegularFile(tokenFile)) {
            throw new ClusterAuthException("cluster '" + config.clusterName() + "': no ServiceAccount token at "
                    + tokenFile + " (is Skiff running in a pod with automountServiceAccountToken?)");
        }
        Optional<Path> caFile = settings.path("caFile");
        Path ca = caFile.orElse(ACCOUNT_DIR.resolve("ca.crt"));
        Optional<byte[]> caBundle = caFile.isPresent() || Files.isRegularFile(ca)
                ? Optional.of(CaBundle.file(ca, "CA")) : Optional.empty();
        return new FixedCredentials(new ClusterCredentials(server, caBundle,
                Optional.of(new TokenFileSource(tokenFile)), Optional.empty(),
                settings.flag("insecureSkipTlsVerify"), plainHttp),
                "set auth key caFile to the API server's CA certificate (default: " + ACCOUNT_DIR.resolve("ca.crt")
                        + ")");
    }

    private static URI serverFromEnvironment(String cluster, AuthContext context) {
        String host = context.environment().getOrDefault("KUBERNETES_SERVICE_HOST", "");
        String port = context.environment().getOrDefault("KUBERNETES_SERVICE_PORT", "443");
        if (host.isBlank()) {
            throw new ClusterAuthException("cluster '" + cluster + "': KUBERNETES_SERVICE_HOST is not set, so"
                    + " Skiff is not running in a pod; set auth key 'server' or use another auth type");
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        return ServerAddress.parse("https://" + h + ":" + port, "KUBERNETES_SERVICE_HOST/PORT", false);
    }
}
