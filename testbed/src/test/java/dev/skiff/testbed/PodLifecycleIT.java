package dev.skiff.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Map;
import org.junit.jupiter.api.Test;

@Testbed
class PodLifecycleIT {

    @Test
    void podWithoutAnnotationsSucceedsInEveryCluster(TestbedClusters clusters, TestNamespace namespace) throws Exception {
        assertThat(clusters.names()).containsExactly("hub", "spoke1", "spoke2");
        for (TestbedCluster cluster : clusters.all()) {
            CoreV1Api api = new CoreV1Api(cluster.apiClient());
            api.createNamespacedPod(namespace.name(), Pods.pod("plain", Map.of())).execute();

            V1Pod pod = Pods.awaitFinished(api, namespace.name(), "plain");

            assertThat(pod.getStatus().getPhase()).as("phase in %s", cluster.name()).isEqualTo("Succeeded");
            assertThat(pod.getSpec().getNodeName()).as("scheduled onto a fake node in %s", cluster.name()).isNotBlank();
            V1ContainerStateTerminated main = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
            assertThat(main.getExitCode()).isZero();
            assertThat(main.getReason()).isEqualTo("Completed");
        }
    }

    @Test
    void annotatedPodFailsWithItsExitCodeAndTerminationMessage(TestbedCluster hub, TestNamespace namespace) {
        CoreV1Api api = new CoreV1Api(hub.apiClient());
        Map<String, String> annotations = Map.of(
                "skiff.dev/testbed-duration", "300ms",
                "skiff.dev/testbed-exit-code", "3",
                "skiff.dev/testbed-message", "no space left on /work");
        try {
            api.createNamespacedPod(namespace.name(), Pods.pod("failing", annotations)).execute();
        } catch (io.kubernetes.client.openapi.ApiException e) {
            throw new AssertionError("creating the pod failed: " + e.getResponseBody(), e);
        }

        V1Pod pod = Pods.awaitFinished(api, namespace.name(), "failing");

        assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
        V1ContainerStateTerminated main = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(main.getExitCode()).isEqualTo(3);
        assertThat(main.getReason()).isEqualTo("Error");
        assertThat(main.getMessage()).isEqualTo("no space left on /work");
    }

    @Test
    void podRunsForTheDurationItsAnnotationAsks(@ClusterName("spoke1") TestbedCluster spoke1, TestNamespace namespace)
            throws Exception {
        CoreV1Api api = new CoreV1Api(spoke1.apiClient());
        api.createNamespacedPod(namespace.name(), Pods.pod("long", Map.of("skiff.dev/testbed-duration", "1h"))).execute();
        api.createNamespacedPod(namespace.name(), Pods.pod("short", Map.of())).execute();

        Pods.awaitFinished(api, namespace.name(), "short");

        assertThat(Pods.phase(api, namespace.name(), "long"))
                .as("a pod asked to run 1h is still running when a later default pod has finished")
                .isEqualTo("Running");
    }
}
