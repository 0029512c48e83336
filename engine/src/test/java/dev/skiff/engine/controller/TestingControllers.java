package dev.skiff.engine.controller;

import dev.skiff.engine.config.ControllerConfig;
import dev.skiff.engine.config.ControllerConfigReader;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Starts in-process controllers on a testbed cluster (named {@code hub} in their config). */
final class TestingControllers {

    private TestingControllers() {
    }

    /** A config watching these namespaces of the hub; {@code extra} is more YAML (workers, leaderElection, ...). */
    static ControllerConfig config(String namespaces, String extra) {
        return ControllerConfigReader.parse("""
                workflowSources:
                  - cluster: hub
                    namespaces: [%s]
                port: 0
                workers: 4
                %s
                """.formatted(namespaces, extra.isBlank() ? "leaderElection: {enabled: false}" : extra),
                "controller.yaml", Path.of("/tmp"));
    }

    static Controller start(TestbedCluster hub, ControllerConfig config, StepExecutor executor, String identity,
                            String leaseNamespace) {
        Controller controller = Controller.builder(config).clients(name -> TestingWorkflows.client(hub))
                .executor(executor).identity(identity).namespace(leaseNamespace).build();
        try {
            controller.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return controller;
    }
}
