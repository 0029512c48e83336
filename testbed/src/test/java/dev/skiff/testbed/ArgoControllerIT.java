package dev.skiff.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1Pod;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Argo's own workflow-controller runs workflows on the testbed through the process kubelet and
 * Argo's executor — what conformance recording and the benchmark rely on. Skipped unless
 * prepare.sh built the controller ({@code --with-workflow-controller}).
 */
@Testbed
class ArgoControllerIT {
    private static final Duration WORKFLOW_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void argosControllerRunsStepsThatPassAnOutputParameter(TestbedCluster hub, TestNamespace namespace) throws Exception {
        ProcessKubelet kubelet = controllerBuilt(hub);
        TestingArgoNamespace argo = TestingArgoNamespace.prepare(hub, namespace);
        try (TestingArgoController controller = TestingArgoController.start(hub, kubelet, argo.name())) {
            hub.kubectl("-n", argo.name(), "create", "-f", resource("argo/passing-workflow.yaml"));

            Map<String, Object> workflow = awaitDone(hub, argo.name(), "passing", controller);
            String usePod = hub.kubectl("-n", argo.name(), "get", "pods", "-o", "name",
                    "-l", ProcessKubelet.WORKFLOW_LABEL + "=passing").lines()
                    .filter(name -> name.contains("-use-")).findFirst().orElseThrow();

            assertThat(TestingArgoNamespace.field(workflow, "status")).containsEntry("phase", "Succeeded");
            Map<String, Object> say = TestingArgoNamespace.field(workflow, "status", "nodes").values().stream()
                    .map(node -> TestingArgoNamespace.field(node))
                    .filter(node -> "say".equals(node.get("displayName"))).findFirst().orElseThrow();
            assertThat(TestingArgoNamespace.items(say, "outputs", "parameters")).singleElement()
                    .satisfies(p -> assertThat(p).containsEntry("name", "out").containsEntry("value", "world"));
            assertThat(hub.kubectl("-n", argo.name(), "logs", usePod, "-c", "main")).contains("got world");
        }
    }

    @Test
    void argosControllerTerminatesARunningStepByExecingArgoexecKill(TestbedCluster hub, TestNamespace namespace)
            throws Exception {
        ProcessKubelet kubelet = controllerBuilt(hub);
        TestingArgoNamespace argo = TestingArgoNamespace.prepare(hub, namespace);
        CoreV1Api api = new CoreV1Api(hub.apiClient());
        try (TestingArgoController controller = TestingArgoController.start(hub, kubelet, argo.name())) {
            hub.kubectl("-n", argo.name(), "create", "-f", resource("argo/sleeping-workflow.yaml"));
            Pods.awaitRunning(api, argo.name(), "sleeping");

            hub.kubectl("-n", argo.name(), "patch", "workflow", "sleeping", "--type", "merge",
                    "-p", "{\"spec\":{\"shutdown\":\"Terminate\"}}");
            Map<String, Object> workflow = awaitDone(hub, argo.name(), "sleeping", controller);
            V1Pod pod = api.readNamespacedPod("sleeping", argo.name()).execute();

            assertThat(TestingArgoNamespace.field(workflow, "status"))
                    .containsEntry("phase", "Failed").containsEntry("message", "Stopped with strategy 'Terminate'");
            assertThat(Pods.terminated(pod, "main").getExitCode()).as("main after SIGTERM").isEqualTo(143);
        }
    }

    private static ProcessKubelet controllerBuilt(TestbedCluster cluster) {
        Optional<ProcessKubelet> kubelet = cluster.kubelet();
        Assumptions.assumeTrue(kubelet.isPresent() && kubelet.get().workflowController().isPresent(),
                "Argo's workflow-controller is not built: run testbed/prepare.sh --with-workflow-controller");
        return kubelet.get();
    }

    private static Map<String, Object> awaitDone(TestbedCluster cluster, String namespace, String name,
                                                 TestingArgoController controller) {
        try {
            return Await.until("workflow " + name + " to finish", WORKFLOW_TIMEOUT, () -> {
                Map<String, Object> workflow = TestingArgoNamespace.field(new CustomObjectsApi(cluster.apiClient())
                        .getNamespacedCustomObject(TestingArgoNamespace.GROUP, TestingArgoNamespace.VERSION, namespace,
                                "workflows", name).execute());
                Map<String, Object> status = TestingArgoNamespace.field(workflow, "status");
                boolean done = status != null && Set.of("Succeeded", "Failed", "Error").contains(status.get("phase"));
                return done ? Optional.of(workflow) : Optional.empty();
            });
        } catch (TestbedException e) {
            throw new AssertionError(e.getMessage() + "\nArgo's controller log ends:\n" + controller.logTail(), e);
        }
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(ArgoControllerIT.class.getResource("/" + name).toURI()).toString();
    }

}
