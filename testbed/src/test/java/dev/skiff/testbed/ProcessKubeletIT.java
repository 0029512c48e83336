package dev.skiff.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1DeleteOptions;
import io.kubernetes.client.openapi.models.V1Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The process kubelet runs Argo-labelled pods as host processes, each container in its own namespaces. */
@Testbed
class ProcessKubeletIT {

    @BeforeEach
    void processKubelet(TestbedCluster hub) {
        Assumptions.assumeTrue(hub.kubelet().isPresent(), "no process kubelet (K3s runs pods itself)");
    }

    @Test
    void deletingAPodKillsItsProcessesBeforeTheObjectGoes(TestbedCluster hub, TestNamespace namespace) throws Exception {
        CoreV1Api api = new CoreV1Api(hub.apiClient());
        String marker = HostProcesses.newMarker();
        api.createNamespacedPod(namespace.name(), Pods.argoLabelled("sleeper", HostProcesses.markedSleep(marker))).execute();
        Pods.awaitRunning(api, namespace.name(), "sleeper");
        Await.until("the pod's sleep to run on the host", Pods.FINISH_TIMEOUT,
                () -> HostProcesses.withMarker(marker).isEmpty() ? Optional.empty() : Optional.of(true));

        api.deleteNamespacedPod("sleeper", namespace.name()).body(new V1DeleteOptions().gracePeriodSeconds(1L)).execute();
        Pods.awaitGone(api, namespace.name(), "sleeper");

        assertThat(HostProcesses.withMarker(marker)).as("processes of the deleted pod").isEmpty();
    }

    @Test
    void twoPodsWritingTheSameTmpPathDoNotSeeEachOthersFiles(TestbedCluster hub, TestNamespace namespace) throws Exception {
        CoreV1Api api = new CoreV1Api(hub.apiClient());
        String file = "/tmp/skiff-kubelet-" + HostProcesses.newMarker();
        api.createNamespacedPod(namespace.name(), Pods.argoLabelled("first",
                "echo first > " + file + " && echo written && sleep 3600")).execute();
        Await.until("the first pod to write " + file, Pods.FINISH_TIMEOUT, () -> {
            V1Pod pod = api.readNamespacedPod("first", namespace.name()).execute();
            boolean running = "Running".equals(pod.getStatus().getPhase());
            return running && hub.kubectl("-n", namespace.name(), "logs", "first").contains("written")
                    ? Optional.of(true) : Optional.empty();
        });

        api.createNamespacedPod(namespace.name(), Pods.argoLabelled("second",
                "test ! -e " + file + " && echo second > " + file + " && cat " + file)).execute();
        V1Pod second = Pods.awaitFinished(api, namespace.name(), "second");
        String firstSees = hub.kubectl("-n", namespace.name(), "exec", "first", "--", "cat", file);

        assertThat(second.getStatus().getPhase()).as("the second pod saw no file of the first").isEqualTo("Succeeded");
        assertThat(hub.kubectl("-n", namespace.name(), "logs", "second")).isEqualTo("second\n");
        assertThat(firstSees).isEqualTo("first\n");
        assertThat(Files.exists(Path.of(file))).as("the host's " + file).isFalse();
    }

    @Test
    void containerSeesThePodsEnvironmentServiceAccountAndHostname(TestbedCluster hub, TestNamespace namespace)
            throws Exception {
        CoreV1Api api = new CoreV1Api(hub.apiClient());
        String script = "echo $HOSTNAME $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT;"
                + " cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo;"
                + " test -s /var/run/secrets/kubernetes.io/serviceaccount/token && echo token";
        api.createNamespacedPod(namespace.name(), Pods.argoLabelled("env", script)).execute();

        V1Pod pod = Pods.awaitFinished(api, namespace.name(), "env");
        List<String> lines = hub.kubectl("-n", namespace.name(), "logs", "env").lines().toList();

        assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
        assertThat(lines).containsExactly("env 127.0.0.1:" + hub.server().getPort(), namespace.name(), "token");
    }
}
