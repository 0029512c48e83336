package dev.skiff.engine.cli;

import dev.skiff.engine.cluster.ClusterRegistry;
import dev.skiff.engine.cluster.ClusterSetup;
import dev.skiff.engine.config.ConfigException;
import dev.skiff.engine.config.ControllerConfig;
import dev.skiff.engine.config.ControllerConfigReader;
import dev.skiff.engine.plugin.AuthProviderCatalog;
import dev.skiff.engine.plugin.PluginLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The other clusters a workflow's steps ran in, as the CLI reaches them by the name the template gave
 * ({@code cluster: C}): with {@code --config}, the controller config's cluster C (its kubeconfig secret included, as
 * {@code skiff clusters} reads it); else the kubeconfig context named C (Argo names a cluster's context after it).
 * Connections are opened once and closed with this.
 */
final class StepClusters implements AutoCloseable {

    private final CliIo io;
    private final ClusterOptions options;
    private final Optional<Path> config;
    private ClusterRegistry registry;
    private final Map<String, Optional<ClusterConnection>> opened = new LinkedHashMap<>();
    private final List<ClusterConnection> owned = new ArrayList<>();

    StepClusters(CliIo io, ClusterOptions options, Optional<Path> config) {
        this.io = io;
        this.options = options;
        this.config = config;
    }

    /**
     * Cluster {@code name}, working in {@code namespace}.
     *
     * @throws CommandFailedException naming the cluster when the CLI has no credentials for it
     */
    synchronized ClusterConnection connect(String name, String namespace) {
        Optional<ClusterConnection> connection = opened.computeIfAbsent(name, this::open);
        return connection.orElseThrow(() -> new CommandFailedException("no credentials for cluster '" + name + "': "
                + config.map(c -> "the controller config " + c + " has no cluster of that name (or it cannot be"
                        + " read; 'skiff clusters --config " + c + "' says why)")
                        .orElse("pass --config with the controller config that defines it, or add a kubeconfig"
                                + " context named '" + name + "'"))).inNamespace(namespace);
    }

    private Optional<ClusterConnection> open(String name) {
        if (config.isEmpty()) {
            Optional<ClusterConnection> c = options.connectToContext(io, name, "default");
            c.ifPresent(owned::add);
            return c;
        }
        return registry().find(name).map(cluster -> ClusterConnection.of(cluster, "default"));
    }

    private ClusterRegistry registry() {
        if (registry == null) {
            ControllerConfig parsed;
            try {
                parsed = ControllerConfigReader.read(io.workingDirectory().resolve(config.get()));
            } catch (ConfigException e) {
                throw new UserInputException(e.getMessage());
            }
            AuthProviderCatalog catalog = AuthProviderCatalog.of(new PluginLoader().load(
                    ClusterOptions.pluginsDirectory(io)));
            registry = ClusterRegistry.build(parsed, catalog, new ClusterSetup(io.clock(), io.env(),
                    ClusterSetup.system().secretReader()));
        }
        return registry;
    }

    @Override
    public synchronized void close() {
        owned.forEach(ClusterConnection::close);
        if (registry != null) {
            registry.close();
        }
    }
}
