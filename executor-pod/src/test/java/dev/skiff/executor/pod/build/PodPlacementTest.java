package dev.skiff.executor.pod.build;

import static dev.skiff.executor.pod.build.PodAssertions.container;
import static dev.skiff.executor.pod.build.PodAssertions.env;
import static dev.skiff.executor.pod.build.PodAssertions.meta;
import static dev.skiff.executor.pod.build.PodAssertions.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.executor.pod.TestingRequests;
import dev.skiff.executor.pod.json.JsonTree;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Owner, instance id, service account, scheduling and pod metadata (newPodBuilder's ownerRef, setupServiceAccount,
 * addSchedulingConstraints, addMetadata; workflowpod_test.go TestPodMetadata, TestWFLevelServiceAccount,
 * TestTmplLevelAutomountServiceAccountToken, TestPriorityClass, TestSchedulerName).
 */
class PodPlacementTest {

    @Test
    void aPodAwayFromItsWorkflowIsOwnedByTheAnchorWithoutBlockingAndLabelledWithItsOwner() throws Exception {
        // The executor passes the anchor's uid as the request's workflow uid (Anchors.anchored).
        BuiltPod built = PodBuilder.build(TestingRequests.of(PodBuilderTest.WHALESAY).target("spoke1", "argo").build(),
                PodSettings.defaults(), PodBuilderTest.NOW);

        Map<String, Object> owner = JsonTree.object(((List<?>) meta(built).get("ownerReferences")).getFirst());
        assertThat(owner).containsEntry("kind", "Workflow").containsEntry("name", "hello-world")
                .containsEntry("blockOwnerDeletion", false);
        assertThat(JsonTree.object(meta(built).get("labels")))
                .containsEntry("skiff.dev/owner-cluster", "hub")
                .containsEntry("skiff.dev/owner-namespace", "argo")
                .containsEntry("skiff.dev/owner-name", "hello-world");
    }

    @Test
    void anotherNamespaceOfTheSameClusterIsAwayToo() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of(PodBuilderTest.WHALESAY).target("hub", "team-b").build(),
                PodSettings.defaults(), PodBuilderTest.NOW);

        assertThat(meta(built)).containsEntry("namespace", "team-b");
        assertThat(JsonTree.object(meta(built).get("labels"))).containsEntry("skiff.dev/owner-namespace", "argo");
    }

    @Test
    void anInstanceIdLabelsThePodAndReachesTheExecutor() throws Exception {
        PodSettings settings = new PodSettings(PodSettings.DEFAULT_EXECUTOR_IMAGE, Optional.of("IfNotPresent"),
                "shard-a", ImageIndex.EMPTY);
        BuiltPod built = PodBuilder.build(TestingRequests.of(PodBuilderTest.WHALESAY).build(), settings,
                PodBuilderTest.NOW);

        assertThat(JsonTree.object(meta(built).get("labels")))
                .containsEntry("workflows.argoproj.io/controller-instanceid", "shard-a");
        assertThat(env(container(built, "wait"), "ARGO_INSTANCE_ID")).contains("shard-a");
        assertThat(env(container(built, "main"), "ARGO_INSTANCE_ID")).isEmpty();
        assertThat(container(built, "wait")).containsEntry("imagePullPolicy", "IfNotPresent");
    }

    @Test
    void aRequestForAnotherInstanceIdIsRefused() {
        assertThatThrownBy(() -> PodBuilder.build(TestingRequests.of(PodBuilderTest.WHALESAY)
                .label("workflows.argoproj.io/controller-instanceid", "other").build(), PodSettings.defaults(),
                PodBuilderTest.NOW))
                .hasMessageContaining("controller instance id 'other'");
    }

    @Test
    void serviceAccountComesFromTheTemplateOrTheWorkflow() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of(PodBuilderTest.WHALESAY)
                .workflowSpec("{\"serviceAccountName\": \"wf-sa\"}").build(), PodSettings.defaults(), PodBuilderTest.NOW);

        assertThat(spec(built)).containsEntry("serviceAccountName", "wf-sa");
    }

    @Test
    void noTokenWithoutAnExecutorServiceAccountFailsAsInArgo() {
        assertThatThrownBy(() -> PodBuilder.build(TestingRequests.of("""
                {"name": "t", "automountServiceAccountToken": false, "container": {"image": "a", "command": ["x"]}}""")
                .build(), PodSettings.defaults(), PodBuilderTest.NOW))
                .hasMessage("executor.serviceAccountName must not be empty if automountServiceAccountToken is false");
    }

    @Test
    void anExecutorServiceAccountIsRefusedWithAReason() {
        assertThatThrownBy(() -> PodBuilder.build(TestingRequests.of("""
                {"name": "t", "executor": {"serviceAccountName": "exec"}, "container": {"image": "a", "command": ["x"]}}""")
                .build(), PodSettings.defaults(), PodBuilderTest.NOW))
                .hasMessageContaining("executor.serviceAccountName is not supported by Skiff's pod executor");
    }

    @Test
    void schedulingFieldsComeFromTheTemplateElseTheWorkflow() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "a", "command": ["x"]}, "nodeSelector": {"disk": "ssd"},
                 "priorityClassName": "high", "schedulerName": "my-scheduler"}""")
                .workflowSpec("""
                        {"nodeSelector": {"disk": "hdd"}, "tolerations": [{"key": "k", "operator": "Exists"}],
                         "securityContext": {"runAsUser": 1000}, "hostAliases": [{"ip": "1.2.3.4", "hostnames": ["a"]}]}""")
                .build(), PodSettings.defaults(), PodBuilderTest.NOW);

        Map<String, Object> spec = spec(built);
        assertThat(spec).containsEntry("nodeSelector", Map.of("disk", "ssd"))
                .containsEntry("priorityClassName", "high").containsEntry("schedulerName", "my-scheduler");
        assertThat(JsonTree.list(spec.get("tolerations"))).hasSize(1);
        assertThat(JsonTree.at(spec, "securityContext", "runAsUser")).isEqualTo(1000L);
        assertThat(JsonTree.list(spec.get("hostAliases"))).hasSize(1);
    }

    @Test
    void workflowPodMetadataComesFirstThenTheTemplates() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "a", "command": ["x"]},
                 "metadata": {"labels": {"team": "tmpl"}, "annotations": {"note": "t"}}}""")
                .workflowSpec("""
                        {"podMetadata": {"labels": {"team": "wf", "wf-only": "1"}, "annotations": {"wf-note": "w"}}}""")
                .build(), PodSettings.defaults(), PodBuilderTest.NOW);

        assertThat(JsonTree.object(meta(built).get("labels"))).containsEntry("team", "tmpl").containsEntry("wf-only", "1")
                .containsEntry("workflows.argoproj.io/completed", "false");
        assertThat(JsonTree.object(meta(built).get("annotations"))).containsEntry("note", "t")
                .containsEntry("wf-note", "w");
    }

    @Test
    void aRetryAffinityIsRefusedNotIgnored() {
        assertThatThrownBy(() -> PodBuilder.build(TestingRequests.of("""
                {"name": "t", "retryStrategy": {"limit": 2, "affinity": {"nodeAntiAffinity": {}}},
                 "container": {"image": "a", "command": ["x"]}}""").build(), PodSettings.defaults(), PodBuilderTest.NOW))
                .hasMessageContaining("retryStrategy.affinity is not supported");
    }

    @Test
    void aWorkflowWithoutUidIsRefused() {
        assertThatThrownBy(() -> PodBuilder.build(TestingRequests.of(PodBuilderTest.WHALESAY).workflow("hello-world", "")
                .build(), PodSettings.defaults(), PodBuilderTest.NOW))
                .hasMessageContaining("uid is unknown");
    }
}
