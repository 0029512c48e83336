package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.engine.plugin.TestingPluginJars;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.io.File;
import java.net.ServerSocket;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skiff controller} as the distribution runs it: a JVM of its own with the engine on the module path
 * (Prometheus' client included), the auth-token plugin and an executor plugin in their own layers, JSON logs,
 * against a real kube-apiserver. It runs a workflow, answers /healthz, /readyz and /metrics, and on SIGTERM stops,
 * releases its lease and exits 0.
 */
@Testbed
class ControllerCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** An executor plugin whose steps succeed at once, printing their arguments when the command is echo. */
    private Path instantExecutorPlugin(Path plugins) throws Exception {
        String factory = """
                package test.instant;
                import dev.skiff.spi.executor.*;
                import java.util.*;
                public class InstantFactory implements StepExecutorFactory {
                    public String name() { return "instant"; }
                    public StepExecutor create(Map<String, String> config, ExecutorContext context) {
                        return new StepExecutor() {
                            public void start(StepRequest r, StepListener l) {
                                var c = r.command();
                                String out = !c.command().isEmpty() && c.command().get(0).equals("echo")
                                        ? String.join(" ", c.args()) : "";
                                var now = context.clock().instant();
                                l.onChange(r.ref(), new StepOutcome(StepPhase.SUCCEEDED, OptionalInt.of(0),
                                        Optional.of(out), Map.of(), "", Optional.of(now), Optional.of(now)));
                            }
                            public Optional<StepOutcome> observe(StepRef ref) { return Optional.empty(); }
                            public void stop(StepRef ref, String reason) { }
                        };
                    }
                }
                """;
        TestingPluginJars.moduleJar(plugins.resolve("executor-instant/instant.jar"), "1.0",
                Map.of("module-info.java", TestingPluginJars.moduleInfo("test.instant", "requires dev.skiff.spi;",
                        "provides dev.skiff.spi.executor.StepExecutorFactory with test.instant.InstantFactory;"),
                        "test/instant/InstantFactory.java", factory));
        return plugins;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A GET on loopback: status code and body, empty while nothing answers. */
    private record Answer(int statusCode, String body) {
    }

    private static Optional<Answer> get(Object unused, int port, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                    .openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(5000);
            int code = c.getResponseCode();
            var in = code < 400 ? c.getInputStream() : c.getErrorStream();
            String body = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return Optional.of(new Answer(code, body));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    @Test
    void runsAWorkflowServesHealthAndMetricsLogsJsonAndStopsCleanlyOnSigterm(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        Path plugins = instantExecutorPlugin(TestingPluginsFolder.authToken(dir));
        int port = freePort();
        Path config = Files.writeString(dir.resolve("controller.yaml"), """
                namespace: %s
                clusterSecret: {enabled: false}
                clusters:
                  hub:
                    auth: {type: kubeconfig, file: "%s"}
                workflowSources:
                  - cluster: hub
                    namespaces: [%s]
                port: %d
                workers: 2
                leaderElection: {leaseName: skiff-cmd-it, leaseDuration: 4s, renewDeadline: 3s, retryPeriod: 1s,
                                 identity: cmd-it}
                executor: {type: instant}
                """.formatted(ns.name(), hub.kubeconfig(), ns.name(), port));
        var workflows = new dev.skiff.engine.controller.TestingWorkflowsAccess(hub);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--module-path", Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of("target/runtime-classpath.txt")).strip()));
        command.addAll(ClustersOnModulePathIT.KUBERNETES_CLIENT_FLAGS);
        command.addAll(List.of("-m", "dev.skiff.engine/dev.skiff.engine.cli.SkiffMain", "controller",
                "--config", config.toString(), "--plugins", plugins.toString(), "--log-format", "json"));
        Path log = dir.resolve("controller.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Object http = null;
        try {
            Await.until("/readyz to answer 200", Duration.ofSeconds(90), () -> get(http, port, "/readyz")
                    .filter(r -> r.statusCode() == 200));
            workflows.create(ns.name(), dev.skiff.engine.controller.TestingWorkflowsAccess.STEPS);
            JsonNode done;
            try {
                done = workflows.awaitFinished(ns.name(), "steps");
            } catch (RuntimeException e) {
                throw new AssertionError(e.getMessage() + "; the controller's log:\n" + Files.readString(log), e);
            }
            assertThat(done.path("status").path("phase").asText()).isEqualTo("Succeeded");
            assertThat(get(http, port, "/healthz").orElseThrow().statusCode()).isEqualTo(200);
            String metrics = get(http, port, "/metrics").orElseThrow().body();
            assertThat(metrics).contains("skiff_workflow_syncs_total").contains("skiff_steps_started_total 3.0")
                    .contains("skiff_workflows{phase=\"Succeeded\"} 1.0").contains("skiff_leader 1.0")
                    .contains("skiff_reconcile_duration_seconds_bucket").contains("skiff_queue_depth");
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(hub.kubectl("-n", ns.name(), "get", "lease", "skiff-cmd-it", "-o",
                "jsonpath={.spec.holderIdentity}").strip()).as("lease released").isEmpty();
        List<String> events = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank() || line.startsWith("SLF4J")) {
                continue;
            }
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.has("time") && entry.has("level")).as(line).isTrue();
            events.add(entry.path("event").asText(""));
        }
        assertThat(events).contains("controller.started", "leader.started", "workflow.started", "workflow.phase",
                "controller.stopping", "controller.stopped");
        assertThat(output).doesNotContain("Exception").doesNotContain("BEGIN CERTIFICATE");
    }
}
