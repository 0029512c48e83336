package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's real-cluster install, as far as a cluster without a Skiff image goes: {@code install.yaml} and
 * {@code executor-rbac.yaml} applied, then {@code bin/skiff controller} run on the host with nothing but the
 * install's ServiceAccount token and the install's ConfigMap config (watching only the test's namespace). So
 * every request the controller and the pod executor make is checked against the roles the install grants: a
 * workflow runs, the Lease is taken in {@code skiff}, and a running step is stopped by exec (which the Java
 * client does over WebSocket, a GET).
 */
@Testbed
class ControllerInstallIT {

    @TempDir
    Path dir;

    @Test
    void theControllerWithOnlyTheInstallsRolesRunsAWorkflowAndStopsAStepByExec(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        Path manifests = TestingLauncher.home().resolve("manifests");
        TestingSkiffController.prepareNamespace(hub, ns.name());
        hub.kubectl("apply", "-f", manifests.resolve("install.yaml").toString());
        Path token = Files.writeString(dir.resolve("token"), hub.kubectl("-n", "skiff", "create", "token",
                "skiff-controller", "--duration=1h").strip());
        Path ca = Files.writeString(dir.resolve("ca.crt"), hub.caCertificatePem());
        String shipped = hub.kubectl("-n", "skiff", "get", "configmap", "skiff-controller", "-o",
                "jsonpath={.data.controller\\.yaml}");
        assertThat(shipped).contains("namespaces: []");
        // the shipped config, reaching the cluster with the ServiceAccount's token from outside, and only our namespace
        Path config = Files.writeString(dir.resolve("controller.yaml"), shipped
                .replace("clusters: {}", "clusters:\n  in-cluster:\n    auth: {type: token, server: \"" + hub.server()
                        + "\", caFile: \"" + ca + "\", tokenFile: \"" + token + "\"}")
                .replace("namespaces: []", "namespaces: [" + ns.name() + "]") + "namespace: skiff\nport: 0\n");
        Map<String, String> env = Map.of("KUBECONFIG", hub.kubeconfig().toString(), "HOME", dir.toString());
        TestingLauncher.Running controller = TestingLauncher.start(Map.of("POD_NAME", "skiff-controller-it"),
                "controller", "--config", config.toString());
        try {
            TestingLauncher.Result hello = TestingLauncher.run(env, "submit",
                    TestingLauncher.home().resolve("examples/hello-world.yaml").toString(), "-n", ns.name(), "--wait",
                    "-o", "json");
            assertThat(hello.exitCode()).as("hello-world; controller log:%n%s", controller.stderrSoFar()).isZero();
            assertThat(hub.kubectl("-n", "skiff", "get", "lease", "workflow-controller", "-o",
                    "jsonpath={.spec.holderIdentity}")).isEqualTo("skiff-controller-it");

            Path sleeper = Files.writeString(dir.resolve("sleeper.yaml"), """
                    apiVersion: argoproj.io/v1alpha1
                    kind: Workflow
                    metadata: {name: sleeper}
                    spec:
                      entrypoint: main
                      templates:
                      - name: main
                        container: {image: alpine, command: [sh, -c, "echo started; sleep 300"]}
                    """);
            // --log prints the step's lines as they come: once "started" is there, main runs
            TestingLauncher.Running logs = TestingLauncher.start(env, "submit", sleeper.toString(), "-n", ns.name(),
                    "--log");
            Await.until("the sleeper's step to print", Duration.ofMinutes(2), () -> Files.readString(logs.out())
                    .contains("sleeper: started") ? Optional.of(true) : Optional.empty());
            assertThat(TestingLauncher.run(env, "terminate", "sleeper", "-n", ns.name()).exitCode()).isZero();
            TestingLauncher.Result ended = logs.awaitExit();

            assertThat(ended.exitCode()).as("the terminated workflow fails").isOne();
            JsonNode pod = new ObjectMapper().readTree(hub.kubectl("-n", ns.name(), "get", "pod", "sleeper", "-o",
                    "json"));
            assertThat(pod.path("status").path("containerStatuses").findValuesAsText("exitCode").toString())
                    .as("main stopped by argoexec kill (143), not after its 300 s").contains("143");
            assertThat(controller.stderrSoFar()).doesNotContain("Forbidden").doesNotContain("forbidden");
        } finally {
            controller.signal("TERM");
            TestingLauncher.Result stopped = controller.awaitExit();
            assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
        }
    }
}
