package dev.skiff.auth.token;

import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import dev.skiff.spi.auth.ClusterCredentials;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code auth: {type: kubeconfig}}: one context of a kubeconfig, read from a file ({@code file})
 * or from a secret of the controller's cluster ({@code secret: {namespace, name, key}}).
 * {@code context} picks the context (default: the kubeconfig's current-context). Supports
 * tokens, token files, client certificates and exec credential plugins.
 */
public final class KubeconfigAuthFactory implements ClusterAuthProviderFactory {

    public static final String NAME = "kubeconfig";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("file", "secret", "context", ClusterCredentials.INSECURE_HTTP_KEY);
    }

    @Override
    public ClusterAuthProvider create(ClusterAuthConfig config, AuthContext context) {
        AuthSettings settings = new AuthSettings(config, context);
        Kubeconfig kubeconfig = switch (settings.exactlyOne("file", "secret")) {
            case "file" -> {
                Path file = settings.path("file").orElseThrow();
                yield Kubeconfig.parse(CaBundle.file(file, "kubeconfig"), file.toString(),
                        parentOf(file));
            }
            default -> {
                SecretReference ref = SecretReference.of(config.clusterName(), "secret",
                        settings.map("secret").orElseThrow());
                yield Kubeconfig.parse(ref.read(context.secrets()), "secret " + ref, context.configDirectory());
            }
        };
        String contextName = settings.string("context").or(kubeconfig::currentContext).orElseThrow(
                () -> new ClusterAuthException("cluster '" + config.clusterName() + "': kubeconfig "
                        + kubeconfig.source() + " has no current-context; set auth key 'context' to one of "
                        + kubeconfig.contextNames()));
        boolean plainHttp = settings.flag(ClusterCredentials.INSECURE_HTTP_KEY);
        return new FixedCredentials(KubeconfigCredentials.of(kubeconfig, contextName, context, plainHttp),
                "set certificate-authority (a file) or certificate-authority-data (base64 PEM) of the cluster that"
                        + " context '" + contextName + "' uses in kubeconfig " + kubeconfig.source());
    }

    private static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }
}
