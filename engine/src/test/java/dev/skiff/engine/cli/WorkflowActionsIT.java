package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.PodNames;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skiff stop|terminate|suspend|resume|delete}: the exact change each makes to the stored object. */
@Testbed
class WorkflowActionsIT {

    @TempDir
    Path dir;

    private TestingClusterCli cli;

    @BeforeEach
    void setUp(TestbedCluster hub) throws IOException {
        cli = new TestingClusterCli(hub, dir);
    }

    /** A running workflow waiting at a suspend step ({@code approve}) whose output waits for a value. */
    private ObjectNode waitingForApproval(String ns, String name) {
        String root = name;
        String group = PodNames.nodeId(name, name + "[0]");
        String approve = PodNames.nodeId(name, name + "[0].approve");
        ObjectNode wf = TestingWorkflowObjects.json("""
                {'apiVersion': 'argoproj.io/v1alpha1', 'kind': 'Workflow',
                 'metadata': {'name': '%1$s', 'namespace': '%2$s',
                              'labels': {'workflows.argoproj.io/phase': 'Running'}},
                 'spec': {'entrypoint': 'main', 'templates': [
                     {'name': 'main', 'steps': [[{'name': 'approve', 'template': 'gate'}]]},
                     {'name': 'gate', 'suspend': {}, 'outputs': {'parameters': [
                         {'name': 'ok', 'valueFrom': {'supplied': {}, 'default': 'yes'}}]}}]},
                 'status': {'phase': 'Running', 'startedAt': '2026-01-01T10:00:00Z', 'progress': '0/1',
                   'nodes': {
                     '%3$s': {'id': '%3$s', 'name': '%1$s', 'displayName': '%1$s', 'type': 'Steps',
                              'templateName': 'main', 'phase': 'Running', 'startedAt': '2026-01-01T10:00:00Z',
                              'children': ['%4$s']},
                     '%4$s': {'id': '%4$s', 'name': '%1$s[0]', 'displayName': '[0]', 'type': 'StepGroup',
                              'phase': 'Running', 'boundaryID': '%3$s', 'startedAt': '2026-01-01T10:00:00Z',
                              'children': ['%5$s']},
                     '%5$s': {'id': '%5$s', 'name': '%1$s[0].approve', 'displayName': 'approve', 'type': 'Suspend',
                              'templateName': 'gate', 'phase': 'Running', 'boundaryID': '%3$s',
                              'startedAt': '2026-01-01T10:00:00Z',
                              'outputs': {'parameters': [{'name': 'ok', 'valueFrom': {'supplied': {},
                                          'default': 'yes'}}]}}}}}
                """.formatted(name, ns, root, group, approve));
        cli.create(ns, wf);
        return cli.get(ns, name);
    }

    /** The object without what every write changes, to compare before and after. */
    private static ObjectNode comparable(ObjectNode wf) {
        ObjectNode copy = WorkflowObjects.withoutManagedFields(wf);
        ((ObjectNode) copy.get("metadata")).remove(List.of("resourceVersion", "generation"));
        return copy;
    }

    @Test
    void stopAndTerminateSetOnlySpecShutdown(TestNamespace ns) {
        ObjectNode before = waitingForApproval(ns.name(), "to-stop");
        waitingForApproval(ns.name(), "to-terminate");

        var stop = cli.run("stop", "to-stop", "-n", ns.name());
        var terminate = cli.run("terminate", "to-terminate", "-n", ns.name());

        assertThat(stop.exit()).as(stop.err()).isZero();
        assertThat(stop.out()).isEqualTo("workflow to-stop stopped\n");
        assertThat(terminate.out()).isEqualTo("workflow to-terminate terminated\n");
        ObjectNode expected = comparable(before);
        ((ObjectNode) expected.get("spec")).put("shutdown", "Stop");
        assertThat(comparable(cli.get(ns.name(), "to-stop"))).isEqualTo(expected);
        assertThat(cli.get(ns.name(), "to-terminate").path("spec").path("shutdown").asText()).isEqualTo("Terminate");
    }

    @Test
    void aCompletedWorkflowCannotBeShutDownAndStaysAsItWas(TestNamespace ns) {
        cli.create(ns.name(), TestingClusterCli.recorded("dag-diamond-succeeded.json", ns.name()));
        ObjectNode before = cli.get(ns.name(), "dag-diamond-8tbgr");

        var run = cli.run("stop", "dag-diamond-8tbgr", "-n", ns.name());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("skiff: cannot shutdown a completed workflow: workflow: \"dag-diamond-8tbgr\","
                + " namespace: \"" + ns.name() + "\"\n");
        assertThat(cli.get(ns.name(), "dag-diamond-8tbgr")).isEqualTo(before);
        var suspend = cli.run("suspend", "dag-diamond-8tbgr", "-n", ns.name());
        assertThat(suspend.exit()).isEqualTo(1);
        assertThat(suspend.err()).isEqualTo("skiff: failed to suspend dag-diamond-8tbgr: cannot suspend completed"
                + " workflows\n");
    }

    @Test
    void stopBySelectorStopsEveryMatchingWorkflow(TestNamespace ns) {
        waitingForApproval(ns.name(), "a");
        waitingForApproval(ns.name(), "b");

        var run = cli.run("stop", "-l", "workflows.argoproj.io/phase=Running", "-n", ns.name());

        assertThat(run.out().lines().sorted().toList()).containsExactly("workflow a stopped", "workflow b stopped");
        assertThat(cli.get(ns.name(), "b").path("spec").path("shutdown").asText()).isEqualTo("Stop");
    }

    @Test
    void suspendSetsSpecSuspendAndResumeRemovesItAndSucceedsTheSuspendNode(TestNamespace ns) {
        ObjectNode before = waitingForApproval(ns.name(), "gated");

        assertThat(cli.run("suspend", "gated", "-n", ns.name()).out()).isEqualTo("workflow gated suspended\n");
        ObjectNode suspended = cli.get(ns.name(), "gated");
        assertThat(suspended.path("spec").path("suspend").asBoolean()).isTrue();
        assertThat(cli.run("list", "-n", ns.name()).out()).contains("Running (Suspended)");

        var resume = cli.run("resume", "gated", "-n", ns.name());

        assertThat(resume.exit()).as(resume.err()).isZero();
        assertThat(resume.out()).isEqualTo("workflow gated resumed\n");
        ObjectNode after = cli.get(ns.name(), "gated");
        assertThat(after.path("spec").has("suspend")).isFalse();
        String approve = PodNames.nodeId("gated", "gated[0].approve");
        ObjectNode node = (ObjectNode) after.path("status").path("nodes").path(approve);
        assertThat(node.path("phase").asText()).isEqualTo("Succeeded");
        assertThat(node.path("finishedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(node.path("outputs")).isEqualTo(TestingWorkflowObjects.json(
                "{'parameters': [{'name': 'ok', 'value': 'yes'}]}"));
        ObjectNode expected = comparable(before);
        expected.set("status", after.get("status").deepCopy());
        assertThat(comparable(after)).as("nothing else changed").isEqualTo(expected);
        ((ObjectNode) before.path("status").path("nodes")).remove(approve);
        ((ObjectNode) after.path("status").path("nodes")).remove(approve);
        assertThat(after.path("status")).isEqualTo(before.path("status"));
    }

    @Test
    void resumeAndStopWithANodeSelectorChangeOnlyThatSuspendNode(TestNamespace ns) {
        waitingForApproval(ns.name(), "r");
        waitingForApproval(ns.name(), "s");
        String approveR = PodNames.nodeId("r", "r[0].approve");
        String approveS = PodNames.nodeId("s", "s[0].approve");

        var resume = cli.run("resume", "r", "-n", ns.name(), "--node-field-selector", "displayName=approve");
        var stop = cli.run("stop", "s", "-n", ns.name(), "--node-field-selector", "displayName=approve",
                "--message", "denied");
        var none = cli.run("resume", "r", "-n", ns.name(), "--node-field-selector", "displayName=approve");

        assertThat(resume.exit()).as(resume.err()).isZero();
        assertThat(cli.get(ns.name(), "r").path("status").path("nodes").path(approveR).path("phase").asText())
                .isEqualTo("Succeeded");
        assertThat(stop.exit()).as(stop.err()).isZero();
        ObjectNode stopped = cli.get(ns.name(), "s");
        assertThat(stopped.path("status").path("nodes").path(approveS).path("phase").asText()).isEqualTo("Failed");
        assertThat(stopped.path("status").path("nodes").path(approveS).path("message").asText()).isEqualTo("denied");
        assertThat(stopped.path("spec").has("shutdown")).isFalse();
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("no running suspend node of workflow r matches");
    }

    @Test
    void deleteRemovesTheWorkflowAndKubernetesRemovesItsPods(TestbedCluster hub, TestNamespace ns) {
        ObjectNode wf = waitingForApproval(ns.name(), "doomed");
        ObjectNode pod = TestingWorkflowObjects.json("""
                {'apiVersion': 'v1', 'kind': 'Pod',
                 'metadata': {'name': 'doomed-step', 'labels': {'workflows.argoproj.io/workflow': 'doomed'},
                   'ownerReferences': [{'apiVersion': 'argoproj.io/v1alpha1', 'kind': 'Workflow', 'name': 'doomed',
                                        'uid': '%s', 'controller': true, 'blockOwnerDeletion': true}]},
                 'spec': {'containers': [{'name': 'main', 'image': 'busybox'}]}}
                """.formatted(wf.path("metadata").path("uid").asText()));
        createObject(hub, ns.name(), pod);

        var run = cli.run("delete", "doomed", "nothere", "-n", ns.name());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Workflow 'doomed' deleted\nWorkflow 'nothere' not found\n");
        hub.kubectl("-n", ns.name(), "wait", "--for=delete", "pod/doomed-step", "--timeout=60s");
        assertThat(hub.kubectl("-n", ns.name(), "get", "workflows", "-o", "name")).isEmpty();
    }

    @Test
    void deleteCompletedDeletesOnlyFinishedWorkflows(TestNamespace ns) {
        waitingForApproval(ns.name(), "still-running");
        cli.create(ns.name(), TestingClusterCli.recorded("dag-diamond-succeeded.json", ns.name()));
        cli.create(ns.name(), TestingClusterCli.recorded("container-exit-code-failed.json", ns.name()));

        var run = cli.run("delete", "--completed", "-n", ns.name());

        assertThat(run.out().lines().sorted().toList()).containsExactly("Workflow 'container-exit-code' deleted",
                "Workflow 'dag-diamond-8tbgr' deleted");
        assertThat(cli.run("list", "-n", ns.name(), "-o", "name").out()).isEqualTo("still-running\n");
        assertThat(cli.run("delete", "--completed", "-n", ns.name()).out()).isEqualTo("No resources found\n");
    }

    private void createObject(TestbedCluster hub, String ns, ObjectNode object) {
        Path file = dir.resolve("pod-" + System.nanoTime() + ".json");
        try {
            java.nio.file.Files.writeString(file, object.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        hub.kubectl("-n", ns, "create", "-f", file.toString());
    }
}
