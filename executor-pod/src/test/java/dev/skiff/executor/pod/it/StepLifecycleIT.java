package dev.skiff.executor.pod.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.executor.pod.PodExecutorFactory;
import dev.skiff.executor.pod.TestingRequests;
import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.executor.pod.kube.ApiFailure;
import dev.skiff.executor.pod.kube.KubeApi;
import dev.skiff.executor.pod.outcome.StepOutcomes;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRequest;
import dev.skiff.spi.executor.StepTarget;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attach, re-attach, lost pods, stopping a pending pod, settle/delete, task-result cleanup and the Workflow's
 * garbage collection, against the testbed's hub (kwok plays the kubelet).
 */
@Testbed
class StepLifecycleIT {

    private static final String LONG = "sleep 3600";

    private TestingCluster hub;
    private String namespace;

    @BeforeEach
    void setUp(TestbedCluster cluster, TestNamespace ns) throws Exception {
        hub = new TestingCluster(cluster);
        hub.installArgoCrds();
        namespace = ns.name();
        hub.prepareExecutorAccount(namespace);
    }

    private StepExecutor executor() {
        return new PodExecutorFactory().create(hub.executorConfig(), new TestingExecutorContext(Map.of("hub",
                hub.credentials(hub.cluster.staticToken(TestbedCluster.ADMIN_USER)))));
    }

    private StepRequest request(String workflow, String uid, String template) {
        return TestingRequests.of(template).workflow(workflow, uid).workflowPlace("hub", namespace)
                .target("hub", namespace).node(workflow, workflow, workflow).build();
    }

    private static String template(String script, String extra) {
        return TestingCluster.shellTemplate(script, extra);
    }

    private String podPhase(String name) throws ApiFailure {
        return hub.pod(namespace, name).map(p -> JsonTree.text(JsonTree.at(p, "status", "phase"))).orElse("gone");
    }

    @Test
    void aSecondExecutorAttachesToTheRunningPodWithoutCreatingAnother() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-attach");
        StepRequest request = request("wf-attach", uid, template(LONG, ""));
        try (PodCreations creations = new PodCreations(hub.admin, namespace)) {
            try (StepExecutor first = executor()) {
                RecordingListener listener = new RecordingListener();
                first.start(request, listener);
                listener.await(StepPhase.RUNNING, TestingCluster.WAIT);
            }
            RecordingListener second = new RecordingListener();
            try (StepExecutor restarted = executor()) {
                restarted.start(request, second);

                // the current state right away, from the existing pod
                assertThat(second.awaitAny(TestingCluster.WAIT).phase()).isEqualTo(StepPhase.RUNNING);
                Await.until("the watch to see the creation", TestingCluster.WAIT,
                        () -> creations.count("wf-attach") > 0 ? Optional.of(true) : Optional.empty());
                assertThat(creations.count("wf-attach")).isEqualTo(1);
            }
        }
    }

    @Test
    void reattachingToAPodThatIsGoneReportsPodDeletedAndCreatesNothing() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-gone");
        try (PodCreations creations = new PodCreations(hub.admin, namespace); StepExecutor executor = executor()) {
            RecordingListener listener = new RecordingListener();
            executor.reattach(request("wf-gone", uid, template("true", "")), listener);

            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            assertThat(done.phase()).isEqualTo(StepPhase.ERROR);
            assertThat(done.message()).isEqualTo("pod deleted");
            assertThat(creations.total()).isZero();
        }
    }

    @Test
    void aRunningPodForceDeletedEndsTheStepInError() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-lost");
        try (StepExecutor executor = executor()) {
            RecordingListener listener = new RecordingListener();
            executor.start(request("wf-lost", uid, template(LONG, "")), listener);
            listener.await(StepPhase.RUNNING, TestingCluster.WAIT);

            // gone at once, without a last status (a graceful delete lets the kubelet report the killed containers)
            hub.admin.delete(KubeApi.collection("v1", namespace, "pods") + "/wf-lost", Map.of("gracePeriodSeconds", "0"));

            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            assertThat(done.phase()).isEqualTo(StepPhase.ERROR);
            assertThat(done.message()).isEqualTo("pod deleted");
        }
    }

    @Test
    void anUnschedulablePodIsPendingWithTheReasonAndStoppingDeletesIt() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-pending");
        try (StepExecutor executor = executor()) {
            RecordingListener listener = new RecordingListener();
            StepRequest request = request("wf-pending", uid, template("true", "\"nodeSelector\": {\"no-such\": \"node\"},"));
            executor.start(request, listener);
            StepOutcome pending = Await.until("the unschedulable reason", TestingCluster.WAIT, () -> listener.outcomes()
                    .stream().filter(o -> o.message().startsWith("Unschedulable: ")).findFirst());
            assertThat(pending.phase()).isEqualTo(StepPhase.PENDING);

            executor.stop(request.ref(), "Stopped with strategy 'Stop'");

            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            assertThat(done.phase()).isEqualTo(StepPhase.FAILED);
            assertThat(done.message()).isEqualTo("Stopped with strategy 'Stop'");
            assertThat(podPhase("wf-pending")).isEqualTo("gone");
        }
    }

    @Test
    void settleLabelsThePodCompletedAndDeleteRemovesIt() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-settle");
        try (StepExecutor executor = executor()) {
            RecordingListener listener = new RecordingListener();
            StepRequest request = request("wf-settle", uid, template("exit 1", ""));
            executor.start(request, listener);
            listener.awaitDone(TestingCluster.WAIT);

            executor.settle(request.ref());
            Await.until("the completed label", TestingCluster.WAIT, () -> hub.pod(namespace, "wf-settle")
                    .filter(p -> "true".equals(JsonTree.at(p, "metadata", "labels", "workflows.argoproj.io/completed"))));
            executor.delete(request.ref());
            Await.until("the pod to go", TestingCluster.WAIT, () -> hub.pod(namespace, "wf-settle").isEmpty()
                    ? Optional.of(true) : Optional.empty());
            assertThat(listener.phases()).last().isEqualTo(StepPhase.FAILED);
        }
    }

    @Test
    void aCompletedWorkflowsTaskResultsAreDeleted() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-results");
        String results = KubeApi.collection("argoproj.io/v1alpha1", namespace, "workflowtaskresults");
        hub.admin.create(results, PodExecutorIT.taskResult("wf-results", uid, "true"));
        try (StepExecutor executor = executor()) {
            executor.workflowCompleted(new StepTarget("hub", namespace), "wf-results");

            Await.until("the task results to go", TestingCluster.WAIT, () -> JsonTree.list(
                    hub.admin.list(results, Map.of()).get("items")).isEmpty() ? Optional.of(true) : Optional.empty());
        }
    }

    @Test
    void deletingTheWorkflowCollectsItsPods() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-owned");
        try (StepExecutor executor = executor()) {
            RecordingListener listener = new RecordingListener();
            executor.start(request("wf-owned", uid, template(LONG, "")), listener);
            listener.await(StepPhase.RUNNING, TestingCluster.WAIT);

            hub.admin.delete(KubeApi.collection("argoproj.io/v1alpha1", namespace, "workflows") + "/wf-owned", Map.of());

            // kube-controller-manager's garbage collector follows the owner reference
            Await.until("the pod to be collected", TestingCluster.WAIT, () -> hub.pod(namespace, "wf-owned").isEmpty()
                    ? Optional.of(true) : Optional.empty());
            // the kubelet stops the containers and reports them before the pod goes (main's code depends on when
            // the signal came: 143 from sleep, or the emissary's own); Argo reads the same status. When the watch
            // did not deliver that last status (the API server drops pod watchers that fall behind, and the
            // informer's re-list then finds the pod gone), the step ends as Argo's does for a pod it saw vanish.
            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            if (done.phase() == StepPhase.ERROR) {
                assertThat(done.message()).isEqualTo(StepOutcomes.POD_DELETED);
            } else {
                assertThat(done.phase()).isEqualTo(StepPhase.FAILED);
                assertThat(done.message()).matches("main: Error \\(exit code \\d+\\)");
            }
        }
    }

    @Test
    void anUnknownClusterIsAnErrorNamingIt() {
        try (StepExecutor executor = executor()) {
            RecordingListener listener = new RecordingListener();
            executor.start(TestingRequests.of(template("true", "")).target("elsewhere", "x").build(), listener);

            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            assertThat(done.phase()).isEqualTo(StepPhase.ERROR);
            assertThat(done.message()).isEqualTo("cluster 'elsewhere' is not configured for the pod executor");
        }
    }

}
