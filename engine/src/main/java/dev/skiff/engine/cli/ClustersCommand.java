package dev.skiff.engine.cli;

import dev.skiff.engine.cluster.AccessCheck;
import dev.skiff.engine.cluster.Cluster;
import dev.skiff.engine.cluster.ClusterCheck;
import dev.skiff.engine.cluster.ClusterProblem;
import dev.skiff.engine.cluster.ClusterRegistry;
import dev.skiff.engine.cluster.ClusterSetup;
import dev.skiff.engine.config.ClusterConfig;
import dev.skiff.engine.config.ConfigException;
import dev.skiff.engine.config.ControllerConfig;
import dev.skiff.engine.config.ControllerConfigReader;
import dev.skiff.engine.config.WorkflowSource;
import dev.skiff.engine.plugin.AuthProviderCatalog;
import dev.skiff.engine.plugin.PluginLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code skiff clusters --config F}: checks that every configured cluster answers, and as whom. */
@Command(name = "clusters", header = "Check that a controller config's clusters answer, as whom.",
        description = {
            "For each cluster of the controller config: its name, server, auth type, Kubernetes version, the"
                + " identity the cluster sees (SelfSubjectReview) and OK or the error. Then, for each namespace of"
                + " workflowSources (or the whole cluster when it names none), whether the controller may do there"
                + " what it needs (SelfSubjectAccessReview), naming every missing permission. Auth providers come"
                + " from the"
                + " plugin folders under --plugins (default: $SKIFF_HOME/plugins). The implicit in-cluster entry is"
                + " checked only when running in a pod. Never prints secrets.",
            "Exit codes: 0 all clusters OK, 1 any cluster failed or lacks a permission, 2 invalid config."})
final class ClustersCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The controller config (conf/controller.yaml).")
    private Path config;

    @Option(names = "--plugins", paramLabel = "DIR", description = "The plugins directory.")
    private Path plugins;

    @Option(names = "--tenants", split = ",", paramLabel = "NAMESPACE", description = {
        "Also list, for each of these workflow namespaces, which clusters and namespaces its tenant kubeconfig",
        "secret allows (read from the first workflow source's cluster; no credential is shown)."})
    private List<String> tenants = List.of();

    private record Row(String name, String server, String auth, String version, String identity, String status,
            boolean failed) {
    }

    @Override
    public Integer call() {
        CliIo io = main.io();
        ControllerConfig parsed;
        try {
            parsed = ControllerConfigReader.read(io.workingDirectory().resolve(config));
        } catch (ConfigException e) {
            throw new UserInputException(e.getMessage());
        }
        var catalog = AuthProviderCatalog.of(new PluginLoader().load(pluginsDirectory(io)));
        catalog.problems().forEach(p -> io.err().println("skiff: warning: " + p.message()));
        List<Row> rows = new ArrayList<>();
        List<String> permissions = new ArrayList<>();
        boolean permissionsMissing = false;
        int checked;
        try (ClusterRegistry registry = ClusterRegistry.build(parsed, catalog,
                new ClusterSetup(io.clock(), io.env(), ClusterSetup.system().secretReader()))) {
            List<String> answering = new ArrayList<>();
            for (Cluster cluster : registry.clusters()) {
                ClusterCheck.Result result = ClusterCheck.check(cluster);
                rows.add(row(result));
                if (result.ok()) {
                    answering.add(cluster.name());
                }
            }
            checked = registry.clusters().size();
            for (ClusterProblem problem : registry.problems()) {
                rows.add(row(problem, parsed));
            }
            for (WorkflowSource source : parsed.workflowSources()) {
                Optional<Cluster> cluster = registry.find(source.cluster()).filter(c -> answering.contains(c.name()));
                if (cluster.isEmpty()) {
                    continue;
                }
                for (AccessCheck.Result result : WorkflowSourceAccess.check(cluster.get(), source)) {
                    permissions.add(WorkflowSourceAccess.line(source.cluster(), result));
                    permissionsMissing |= !result.ok();
                }
            }
            print(io.out(), rows);
            if (!permissions.isEmpty()) {
                io.out().println();
                io.out().println("PERMISSIONS OF THE CONTROLLER WHERE IT RUNS WORKFLOWS (workflowSources)");
                permissions.forEach(io.out()::println);
            }
            if (!tenants.isEmpty()) {
                io.out().println();
                TenantRows.print(io.out(), TenantRows.of(parsed, registry, tenants));
            }
            io.out().flush();
        }
        if (checked == 0 && rows.stream().noneMatch(Row::failed)) {
            io.err().println("skiff: nothing was checked: " + (parsed.empty() ? parsed.source() + " is empty, so every"
                    + " setting is its default and" : parsed.source() + " configures no cluster, and")
                    + " the implicit in-cluster cluster is checked only inside a pod; add clusters under 'clusters:'");
        }
        return rows.stream().anyMatch(Row::failed) || permissionsMissing ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private Path pluginsDirectory(CliIo io) {
        if (plugins != null) {
            return io.workingDirectory().resolve(plugins);
        }
        return Optional.ofNullable(io.env().get("SKIFF_HOME")).filter(h -> !h.isBlank())
                .map(h -> Path.of(h).resolve("plugins")).orElse(io.workingDirectory().resolve("plugins"));
    }

    private static Row row(ClusterCheck.Result r) {
        return new Row(r.name(), r.server(), r.authType(), r.version().orElse("-"), r.identity().orElse("-"),
                r.error().map(e -> "ERROR: " + e).orElse("OK"), !r.ok());
    }

    private static Row row(ClusterProblem p, ControllerConfig config) {
        String auth = Optional.ofNullable(config.clusters().get(p.name())).map(c -> c.auth().type())
                .orElse(p.origin() == ClusterConfig.Origin.SECRET ? "kubeconfig" : "-");
        if (p.origin() == ClusterConfig.Origin.IMPLICIT) {
            return new Row(p.name(), "-", auth, "-", "-", "SKIPPED: " + p.message(), false);
        }
        return new Row(p.name(), "-", auth, "-", "-", "ERROR: " + p.message(), true);
    }

    private static void print(PrintStream out, List<Row> rows) {
        AlignedColumns.print(out, new String[] {"NAME", "SERVER", "AUTH", "VERSION", "IDENTITY", "STATUS"},
                rows.stream().map(r -> new String[] {r.name(), r.server(), r.auth(), r.version(), r.identity(),
                    r.status()}).toList());
    }
}
