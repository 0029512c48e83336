package dev.skiff.engine.cli;

import dev.skiff.engine.cluster.Cluster;
import dev.skiff.engine.cluster.ClusterApiClients;
import dev.skiff.engine.cluster.ClusterRegistry;
import dev.skiff.engine.cluster.ClusterSetup;
import dev.skiff.engine.config.ConfigException;
import dev.skiff.engine.config.ControllerConfig;
import dev.skiff.engine.config.ControllerConfigReader;
import dev.skiff.engine.config.ExecutorConfig;
import dev.skiff.engine.controller.ClusterOutages;
import dev.skiff.engine.controller.Controller;
import dev.skiff.engine.controller.ControllerExecutorContext;
import dev.skiff.engine.controller.ControllerLog;
import dev.skiff.engine.plugin.AuthProviderCatalog;
import dev.skiff.engine.plugin.PluginLoader;
import dev.skiff.engine.plugin.PluginSet;
import dev.skiff.spi.executor.StepExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code skiff controller --config F}: runs the Kubernetes controller in the foreground until SIGTERM. */
@Command(name = "controller", header = "Run the workflow controller (in place of Argo's).", description = {
    "Run the workflow controller: watch Workflows (argoproj.io/v1alpha1) in the config's workflowSources and run",
    "them with the configured step executor (pods run by Argo's argoexec), in place of Argo's workflow-controller.",
    "Serves /healthz, /readyz and /metrics on the config's port. Logs one line per event on stderr.",
    "SIGTERM or Ctrl-C: stop acting, release the leader lease, exit 0.",
    "Exit codes: 0 stopped, 2 invalid config, 1 could not start."})
final class ControllerCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The controller config (conf/controller.yaml).")
    private Path config;

    @Option(names = "--plugins", paramLabel = "DIR", description = "The plugins directory (default: $SKIFF_HOME/plugins).")
    private Path plugins;

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text",
            description = "Log lines as text (default) or JSON objects.")
    private String logFormat;

    @Override
    public Integer call() throws InterruptedException {
        CliIo io = main.io();
        ControllerLogFormat format = ControllerLogFormat.parse(logFormat);
        ControllerConfig parsed;
        try {
            parsed = ControllerConfigReader.read(io.workingDirectory().resolve(config));
        } catch (ConfigException e) {
            throw new UserInputException(e.getMessage());
        }
        format.install(main.debug());
        PluginSet pluginSet = new PluginLoader().load(pluginsDirectory(io));
        var catalog = AuthProviderCatalog.of(pluginSet);
        ClusterSetup setup = new ClusterSetup(io.clock(), io.env(), ClusterSetup.system().secretReader());
        try (ClusterRegistry registry = ClusterRegistry.build(parsed, catalog, setup)) {
            try {
                registry.requireConfiguredClusters();
            } catch (ConfigException e) {
                throw new UserInputException(e.getMessage());
            }
            ExecutorConfig executorConfig = parsed.settings().executor();
            var factory = new ExecutorCatalog(pluginSet).find(executorConfig.type(), executorConfig.settings(),
                    parsed.source());
            var executorSettings = ExecutorCatalog.withInstanceId(factory, executorConfig.settings(),
                    parsed.instanceId(), parsed.source());
            Path workDirectory = workDirectory();
            ClusterOutages outages = new ClusterOutages(io.clock(), parsed.settings().clusterUnreachableTimeout());
            try (StepExecutor executor = factory.create(executorSettings, new ControllerExecutorContext(
                    io.clock(), workDirectory, registry::credentials, outages))) {
                Controller controller = Controller.builder(parsed).outages(outages)
                        .clients(name -> ClusterApiClients.create(registry.find(name).map(Cluster::credentials)
                                .orElseThrow(() -> new UserInputException("cluster '" + name + "' is not available"))))
                        .clusters(registry::find).executor(executor).clock(io.clock()).namespace(setup.controllerNamespace(parsed)).build();
                return runUntilStopped(controller);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(parsed.source() + ": executor: " + e.getMessage());
            } finally {
                removeIfEmpty(workDirectory);
            }
        }
    }

    /** Starts the controller and blocks until SIGTERM/SIGINT; then stops it (lease released) and returns 0. */
    private static int runUntilStopped(Controller controller) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Optional<Runnable> undo = StopSignals.onStop(stop::countDown);
        try {
            controller.start();
        } catch (IOException e) {
            controller.close();
            throw new UserInputException("cannot serve /healthz and /metrics: " + e.getMessage(), e);
        }
        try {
            stop.await();
        } finally {
            ControllerLog.info("controller.stopping", "identity", controller.identity());
            controller.close();
            undo.ifPresent(Runnable::run);
            QUIET_WHILE_CLOSING.setLevel(java.util.logging.Level.OFF);
        }
        return ExitCodes.OK;
    }

    /**
     * The executor is closed next: stopping the official client's informers interrupts their threads, which log
     * each interruption as an error ("processor interrupted"). Expected at that point, so not shown.
     */
    private static final java.util.logging.Logger QUIET_WHILE_CLOSING =
            java.util.logging.Logger.getLogger("io.kubernetes.client.informer");

    private Path pluginsDirectory(CliIo io) {
        if (plugins != null) {
            return io.workingDirectory().resolve(plugins);
        }
        return Optional.ofNullable(io.env().get("SKIFF_HOME")).filter(h -> !h.isBlank())
                .map(h -> Path.of(h).resolve("plugins")).orElse(io.workingDirectory().resolve("plugins"));
    }

    /** The executor's work directory goes when the command ends, unless the executor left files there. */
    private static void removeIfEmpty(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // not empty: the executor's files stay
        }
    }

    private static Path workDirectory() {
        try {
            return Files.createTempDirectory("skiff-controller-");
        } catch (IOException e) {
            throw new UserInputException("cannot create a work directory: " + e.getMessage(), e);
        }
    }
}
