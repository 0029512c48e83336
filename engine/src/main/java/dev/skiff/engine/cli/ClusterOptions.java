package dev.skiff.engine.cli;

import dev.skiff.engine.cluster.Cluster;
import dev.skiff.engine.cluster.KubeconfigClusters;
import dev.skiff.engine.plugin.AuthProviderCatalog;
import dev.skiff.engine.plugin.PluginLoader;
import dev.skiff.spi.auth.ClusterAuthException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that talks to a cluster shares: namespace, kubeconfig and context. */
final class ClusterOptions {

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "The namespace (default: the kubeconfig context's, else default).")
    String namespace;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME",
            description = "The kubeconfig context (default: its current-context).")
    String context;

    Optional<String> namespaceFlag() {
        return Optional.ofNullable(namespace).filter(n -> !n.isBlank());
    }

    /**
     * Finds the cluster as kubectl would and authenticates through the auth providers of the plugins
     * folder ({@code $SKIFF_HOME/plugins}).
     *
     * @throws UserInputException when the kubeconfig, its context or its credentials cannot be used
     */
    ClusterConnection connect(CliIo io) {
        KubeconfigChoice choice = KubeconfigChoice.choose(
                Optional.ofNullable(kubeconfig).map(io.workingDirectory()::resolve), Optional.ofNullable(context),
                namespaceFlag(), io.env());
        AuthProviderCatalog catalog = AuthProviderCatalog.of(new PluginLoader().load(pluginsDirectory(io)));
        catalog.problems().forEach(p -> io.err().println("skiff: warning: " + p.message()));
        try {
            Cluster cluster = switch (choice) {
                case KubeconfigChoice.FileContext f ->
                        KubeconfigClusters.open(f.file(), f.context(), catalog, io.clock(), io.env());
                case KubeconfigChoice.InCluster c -> KubeconfigClusters.inCluster(catalog, io.clock(), io.env());
            };
            return ClusterConnection.of(cluster, choice.namespace());
        } catch (ClusterAuthException e) {
            String where = switch (choice) {
                case KubeconfigChoice.FileContext f -> "kubeconfig " + f.file() + " context '" + f.context() + "'";
                case KubeconfigChoice.InCluster c -> "in-cluster credentials";
            };
            String message = e.getMessage();
            if (message.startsWith("unknown auth type")) {
                message += " (the auth-token plugin provides it; expected under " + pluginsDirectory(io) + ")";
            }
            throw new UserInputException("cannot use " + where + ": " + message, e);
        }
    }

    /**
     * The cluster a kubeconfig context named {@code name} points at (the same files as {@link #connect}; Argo names
     * a cluster's context after it), working in {@code namespace}; empty when there is no such context.
     *
     * @throws UserInputException when the context exists but its credentials cannot be used
     */
    Optional<ClusterConnection> connectToContext(CliIo io, String name, String namespace) {
        KubeconfigChoice choice;
        try {
            choice = KubeconfigChoice.choose(Optional.ofNullable(kubeconfig).map(io.workingDirectory()::resolve),
                    Optional.of(name), Optional.of(namespace), io.env());
        } catch (UserInputException e) {
            return Optional.empty();
        }
        if (!(choice instanceof KubeconfigChoice.FileContext f)) {
            return Optional.empty();
        }
        AuthProviderCatalog catalog = AuthProviderCatalog.of(new PluginLoader().load(pluginsDirectory(io)));
        try {
            return Optional.of(ClusterConnection.of(KubeconfigClusters.open(f.file(), f.context(), catalog,
                    io.clock(), io.env()), namespace));
        } catch (ClusterAuthException e) {
            throw new UserInputException("cannot use kubeconfig " + f.file() + " context '" + name + "': "
                    + e.getMessage(), e);
        }
    }

    static Path pluginsDirectory(CliIo io) {
        return Optional.ofNullable(io.env().get("SKIFF_HOME")).filter(h -> !h.isBlank())
                .map(h -> Path.of(h).resolve("plugins")).orElse(io.workingDirectory().resolve("plugins"));
    }
}
