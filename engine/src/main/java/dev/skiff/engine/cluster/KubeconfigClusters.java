package dev.skiff.engine.cluster;

import dev.skiff.engine.config.ClusterConfig;
import dev.skiff.engine.plugin.AuthProviderCatalog;
import dev.skiff.engine.plugin.PluginException;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.SecretSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A user's cluster, as kubectl finds it: one context of a kubeconfig file, or the pod's own
 * ServiceAccount. Credentials come from the {@code kubeconfig} and {@code in-cluster} auth
 * providers of the plugins (auth-token), so kubeconfigs are read in one place only.
 */
public final class KubeconfigClusters {

    private KubeconfigClusters() {
    }

    /**
     * Opens context {@code context} of the kubeconfig {@code file}.
     *
     * @throws ClusterAuthException with a message naming the file and context when it cannot be used
     */
    public static Cluster open(Path file, String context, AuthProviderCatalog catalog, Clock clock,
            Map<String, String> environment) {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent() == null ? Path.of(".") : absolute.getParent();
        return create(context, "kubeconfig", Map.of("file", absolute.toString(), "context", context), directory,
                catalog, clock, environment);
    }

    /**
     * The pod's own cluster through its ServiceAccount ({@code KUBERNETES_SERVICE_HOST} and the
     * files under {@code /var/run/secrets/kubernetes.io/serviceaccount/}).
     */
    public static Cluster inCluster(AuthProviderCatalog catalog, Clock clock, Map<String, String> environment) {
        return create(ClusterConfig.IN_CLUSTER, "in-cluster", Map.of(), Path.of("."), catalog, clock, environment);
    }

    private static Cluster create(String name, String type, Map<String, Object> settings, Path directory,
            AuthProviderCatalog catalog, Clock clock, Map<String, String> environment) {
        var entry = catalog.find(type).orElseThrow(() -> new ClusterAuthException(catalog.whyMissing(type)));
        var context = new EngineAuthContext(clock, directory, SecretSource.NONE, environment,
                System.getLogger("dev.skiff.auth"));
        ClusterAuthProvider provider;
        try {
            provider = entry.factory().create(new ClusterAuthConfig(name, settings), context);
        } catch (IllegalArgumentException | PluginException e) {
            throw new ClusterAuthException(e.getMessage(), e);
        }
        try {
            ClusterCredentials credentials = provider.credentials();
            return new Cluster(name, ClusterConfig.Origin.CONFIG, Optional.empty(), type,
                    entry.plugin().folder().toString(), provider, credentials);
        } catch (RuntimeException e) {
            provider.close();
            throw e instanceof ClusterAuthException cae ? cae : new ClusterAuthException(e.getMessage(), e);
        }
    }
}
