package dev.skiff.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Pods shaped as Argo's run through Argo's real executor (argoexec init, wait, emissary) on the process kubelet. */
@Testbed
class ArgoExecutorPodIT {

    @Test
    void stepRunsThroughTheRealEmissaryAndItsWaitContainerReportsOutputsInATaskResult(
            TestbedCluster hub, TestNamespace namespace) throws Exception {
        TestingArgoNamespace argo = TestingArgoNamespace.prepare(hub, namespace);
        String uid = argo.createWorkflow("hello");
        CoreV1Api api = new CoreV1Api(hub.apiClient());
        api.createNamespacedPod(argo.name(), step(hub, "hello", uid, "echo hi; echo out > /tmp/o")
                .outputParameter("o", "/tmp/o").includeScriptOutput().build()).execute();

        V1Pod pod = Pods.awaitFinished(api, argo.name(), "hello");
        Map<String, Object> result = argo.taskResult("hello").orElseThrow(() -> new AssertionError("no WorkflowTaskResult"));

        assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
        for (String container : List.of("init", "wait", "main")) {
            assertThat(Pods.terminated(pod, container).getExitCode()).as(container).isZero();
            assertThat(Pods.terminated(pod, container).getReason()).as(container).isEqualTo("Completed");
        }
        assertThat(TestingArgoNamespace.field(result, "metadata", "labels"))
                .containsEntry("workflows.argoproj.io/report-outputs-completed", "true")
                .containsEntry("workflows.argoproj.io/workflow", "hello");
        assertThat(TestingArgoNamespace.items(result, "metadata", "ownerReferences")).singleElement()
                .satisfies(owner -> assertThat(owner).containsEntry("kind", "Workflow").containsEntry("uid", uid));
        assertThat(TestingArgoNamespace.field(result, "outputs")).containsEntry("result", "hi");
        assertThat(TestingArgoNamespace.items(result, "outputs", "parameters")).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("name", "o").containsEntry("value", "out"));
    }

    @Test
    void failingMainFailsThePodWithMainsExitCode(TestbedCluster hub, TestNamespace namespace) throws Exception {
        TestingArgoNamespace argo = TestingArgoNamespace.prepare(hub, namespace);
        String uid = argo.createWorkflow("failing");
        CoreV1Api api = new CoreV1Api(hub.apiClient());
        api.createNamespacedPod(argo.name(), step(hub, "failing", uid, "echo about to fail; exit 3").build()).execute();

        V1Pod pod = Pods.awaitFinished(api, argo.name(), "failing");

        assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
        assertThat(Pods.terminated(pod, "main").getExitCode()).isEqualTo(3);
        assertThat(Pods.terminated(pod, "main").getReason()).isEqualTo("Error");
        assertThat(Pods.terminated(pod, "wait").getExitCode()).isZero();
    }

    @Test
    void activeDeadlineStopsAStepThatRunsTooLong(TestbedCluster hub, TestNamespace namespace) throws Exception {
        TestingArgoNamespace argo = TestingArgoNamespace.prepare(hub, namespace);
        String uid = argo.createWorkflow("slow");
        CoreV1Api api = new CoreV1Api(hub.apiClient());
        api.createNamespacedPod(argo.name(), step(hub, "slow", uid, "sleep 3600").activeDeadlineSeconds(2).build())
                .execute();

        V1Pod pod = Pods.awaitFinished(api, argo.name(), "slow");

        assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
        assertThat(pod.getStatus().getReason()).isEqualTo("DeadlineExceeded");
        assertThat(pod.getStatus().getMessage()).isEqualTo("Pod was active on the node longer than the specified deadline");
        assertThat(Pods.terminated(pod, "main").getExitCode()).isNotZero();
    }

    @Test
    void logsAndArgosKillExecReachTheRunningContainer(TestbedCluster hub, TestNamespace namespace) throws Exception {
        TestingArgoNamespace argo = TestingArgoNamespace.prepare(hub, namespace);
        String uid = argo.createWorkflow("long");
        CoreV1Api api = new CoreV1Api(hub.apiClient());
        api.createNamespacedPod(argo.name(), step(hub, "long", uid, "echo started; sleep 3600").build()).execute();
        Pods.awaitRunning(api, argo.name(), "long");
        String log = Await.until("main's log to show 'started'", Pods.FINISH_TIMEOUT, () -> {
            String text = hub.kubectl("-n", argo.name(), "logs", "long", "-c", "main");
            return text.contains("started") ? Optional.of(text) : Optional.empty();
        });

        String firstProcess = hub.kubectl("-n", argo.name(), "exec", "long", "-c", "main", "--", "cat", "/proc/1/cmdline");
        // Argo's controller execs over SPDY (remotecommand.NewSPDYExecutor) exactly this command.
        String killed = hub.kubectl(Map.of("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", "false"),
                "-n", argo.name(), "exec", "long", "-c", "main", "--", "/var/run/argo/argoexec", "kill", "15", "1");
        V1Pod pod = Pods.awaitFinished(api, argo.name(), "long");

        assertThat(log).contains("started");
        assertThat(firstProcess.replace('\0', ' ')).startsWith("/var/run/argo/argoexec emissary");
        assertThat(killed).contains("killing 1 with terminated");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
        assertThat(Pods.terminated(pod, "main").getExitCode()).isEqualTo(143);
    }

    @Test
    void instantPodFinishesAtOnceWithACompleteTaskResultAndRunsNothing(TestbedCluster hub, TestNamespace namespace)
            throws Exception {
        TestingArgoNamespace argo = TestingArgoNamespace.prepare(hub, namespace);
        String uid = argo.createWorkflow("instant");
        CoreV1Api api = new CoreV1Api(hub.apiClient());
        api.createNamespacedPod(argo.name(), step(hub, "instant", uid, "echo ran; sleep 3600")
                .outputParameter("o", "/tmp/o").annotation(ProcessKubelet.INSTANT_ANNOTATION, "true").build()).execute();

        V1Pod pod = Pods.awaitFinished(api, argo.name(), "instant");
        Map<String, Object> result = argo.taskResult("instant").orElseThrow(() -> new AssertionError("no WorkflowTaskResult"));

        assertThat(pod.getStatus().getPhase()).as("an hour's sleep finished at once").isEqualTo("Succeeded");
        assertThat(Pods.terminated(pod, "main").getExitCode()).isZero();
        assertThat(hub.kubectl("-n", argo.name(), "logs", "instant", "-c", "main")).doesNotContain("ran");
        assertThat(TestingArgoNamespace.field(result, "metadata", "labels"))
                .containsEntry("workflows.argoproj.io/report-outputs-completed", "true");
        assertThat(TestingArgoNamespace.items(result, "outputs", "parameters")).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("name", "o"));
    }

    private static TestingArgoStepPod step(TestbedCluster cluster, String workflow, String uid, String script) {
        Optional<ProcessKubelet> kubelet = cluster.kubelet();
        Assumptions.assumeTrue(kubelet.isPresent(), "no process kubelet (K3s runs pods itself)");
        return new TestingArgoStepPod(kubelet.get().executorImage(), workflow, uid, workflow, script);
    }
}
