package dev.skiff.engine.cluster;

import dev.skiff.engine.config.ClusterConfig;
import dev.skiff.engine.config.ConfigException;
import dev.skiff.engine.config.ControllerConfig;
import dev.skiff.engine.plugin.AuthProviderCatalog;
import dev.skiff.engine.plugin.PluginException;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.SecretSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The named clusters Skiff can reach: those of the config, the local {@code in-cluster} one,
 * and the contexts of the Argo-style cluster secret. Entries that cannot be set up are kept as
 * {@link ClusterProblem}s: a bad secret entry is skipped, a bad configured one fails start-up
 * ({@link #requireConfiguredClusters()}).
 */
public final class ClusterRegistry implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ClusterRegistry.class.getName());

    private final Map<String, Cluster> clusters;
    private final List<ClusterProblem> problems;
    private final ControllerConfig config;

    private ClusterRegistry(Map<String, Cluster> clusters, List<ClusterProblem> problems, ControllerConfig config) {
        this.clusters = clusters;
        this.problems = problems;
        this.config = config;
    }

    /** Sets up every cluster entry and logs one line per usable cluster and per problem. */
    public static ClusterRegistry build(ControllerConfig config, AuthProviderCatalog catalog, ClusterSetup setup) {
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        List<ClusterProblem> problems = new ArrayList<>();
        ClusterConfig local = config.clusters().get(ClusterConfig.IN_CLUSTER);
        Optional<Cluster> localCluster = create(local, catalog, setup.context(config, SecretSource.NONE), problems);
        localCluster.ifPresent(c -> clusters.put(c.name(), c));
        SecretSource secrets = localCluster.map(c -> setup.secretsOf(c.credentials())).orElse(SecretSource.NONE);
        var context = setup.context(config, secrets);
        for (ClusterConfig cluster : config.clusters().values()) {
            if (cluster != local) {
                create(cluster, catalog, context, problems).ifPresent(c -> clusters.put(c.name(), c));
            }
        }
        if (config.clusterSecret().enabled() && localCluster.isPresent()) {
            readClusterSecret(config, catalog, setup, secrets, clusters, problems);
        }
        clusters.values().forEach(c -> LOG.log(c.credentials().plainHttp() ? System.Logger.Level.WARNING
                : System.Logger.Level.INFO, c.logLine()));
        problems.forEach(p -> LOG.log(p.origin() == ClusterConfig.Origin.IMPLICIT
                ? System.Logger.Level.INFO : System.Logger.Level.WARNING, "cluster=" + p.name() + " skipped: "
                + p.message()));
        return new ClusterRegistry(clusters, List.copyOf(problems), config);
    }

    private static void readClusterSecret(ControllerConfig config, AuthProviderCatalog catalog, ClusterSetup setup,
            SecretSource secrets, Map<String, Cluster> clusters, List<ClusterProblem> problems) {
        String namespace = setup.controllerNamespace(config);
        String name = config.clusterSecret().name();
        String key = config.clusterSecret().key();
        Optional<Map<String, byte[]>> secret;
        try {
            secret = secrets.read(namespace, name);
        } catch (RuntimeException e) {
            problems.add(new ClusterProblem("*", ClusterConfig.Origin.SECRET, e.getMessage()));
            return;
        }
        if (secret.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "no cluster secret " + namespace + "/" + name + "; using configured"
                    + " clusters only");
            return;
        }
        byte[] kubeconfig = secret.get().get(key);
        if (kubeconfig == null) {
            problems.add(new ClusterProblem("*", ClusterConfig.Origin.SECRET, "cluster secret " + namespace + "/"
                    + name + " has no key '" + key + "'"));
            return;
        }
        var parsed = ClusterSecretEntries.parse(kubeconfig, namespace, name, key);
        problems.addAll(parsed.problems());
        var context = setup.context(config, secrets);
        for (ClusterConfig entry : parsed.clusters()) {
            if (config.clusters().containsKey(entry.name())) {
                problems.add(new ClusterProblem(entry.name(), ClusterConfig.Origin.SECRET, "context '" + entry.name()
                        + "' of cluster secret " + namespace + "/" + name + " is skipped: a cluster of that name is"
                        + " configured in " + config.source()));
                continue;
            }
            create(entry, catalog, context, problems).ifPresent(c -> clusters.put(c.name(), c));
        }
    }

    private static Optional<Cluster> create(ClusterConfig cluster, AuthProviderCatalog catalog,
            EngineAuthContext context, List<ClusterProblem> problems) {
        String type = cluster.auth().type();
        var entry = catalog.find(type);
        if (entry.isEmpty()) {
            problems.add(new ClusterProblem(cluster.name(), cluster.origin(), "cluster '" + cluster.name() + "': "
                    + catalog.whyMissing(type)));
            return Optional.empty();
        }
        var factory = entry.get().factory();
        for (String key : cluster.auth().settings().keySet()) {
            if (!factory.configKeys().contains(key)) {
                problems.add(new ClusterProblem(cluster.name(), cluster.origin(), "cluster '" + cluster.name()
                        + "': unknown auth key '" + key + "' for auth type '" + type + "'; known keys: type, "
                        + String.join(", ", new TreeSet<>(factory.configKeys()))));
                return Optional.empty();
            }
        }
        try {
            ClusterAuthProvider provider = factory.create(
                    new ClusterAuthConfig(cluster.name(), cluster.auth().settings()), context);
            ClusterCredentials credentials = provider.credentials();
            return Optional.of(new Cluster(cluster.name(), cluster.origin(), cluster.managedNamespace(), type,
                    entry.get().plugin().folder().toString(), provider, credentials));
        } catch (ClusterAuthException | IllegalArgumentException | PluginException e) {
            String message = e.getMessage();
            problems.add(new ClusterProblem(cluster.name(), cluster.origin(),
                    message.startsWith("cluster '") ? message : "cluster '" + cluster.name() + "': " + message));
            return Optional.empty();
        }
    }

    public Optional<Cluster> find(String name) {
        return Optional.ofNullable(clusters.get(name));
    }

    /** The credentials of a usable cluster (what executors are handed); empty for an unknown name. */
    public Optional<ClusterCredentials> credentials(String name) {
        return find(name).map(Cluster::credentials);
    }

    public Collection<Cluster> clusters() {
        return clusters.values();
    }

    public List<ClusterProblem> problems() {
        return problems;
    }

    /**
     * Fails start-up when a cluster of the config itself could not be set up, or a workflow source
     * names a cluster that is not usable, listing each.
     */
    public void requireConfiguredClusters() {
        List<String> messages = new ArrayList<>(problems.stream()
                .filter(p -> p.origin() == ClusterConfig.Origin.CONFIG).map(ClusterProblem::message).toList());
        for (int i = 0; i < config.workflowSources().size(); i++) {
            String cluster = config.workflowSources().get(i).cluster();
            if (!clusters.containsKey(cluster) && !config.clusters().containsKey(cluster)
                    || config.clusters().containsKey(cluster) && !clusters.containsKey(cluster)
                            && config.clusters().get(cluster).origin() == ClusterConfig.Origin.IMPLICIT) {
                messages.add(config.source() + ": workflowSources[" + i + "] names cluster '" + cluster
                        + "', which is not available; available clusters: " + new TreeSet<>(clusters.keySet()));
            }
        }
        if (!messages.isEmpty()) {
            throw new ConfigException(String.join("\n", messages));
        }
    }

    @Override
    public void close() {
        for (Cluster c : clusters.values()) {
            try {
                c.provider().close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing cluster " + c.name() + ": " + e.getMessage());
            }
        }
    }
}
