package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skiff list|get|watch} on Workflow objects whose status a test wrote, as a controller would. */
@Testbed
class WorkflowQueriesIT {

    @TempDir
    Path dir;

    private TestingClusterCli cli;

    @BeforeEach
    void setUp(TestbedCluster hub) throws IOException {
        cli = new TestingClusterCli(hub, dir);
    }

    /** A Succeeded and a Failed workflow as Skiff recorded them, and one no controller has seen yet (the newest). */
    private void threeWorkflows(String ns) {
        cli.create(ns, TestingClusterCli.recorded("dag-diamond-succeeded.json", ns));
        cli.create(ns, TestingClusterCli.recorded("container-exit-code-failed.json", ns));
        ObjectNode fresh = TestingClusterCli.recorded("container-exit-code-failed.json", ns);
        fresh.remove("status");
        ((ObjectNode) fresh.get("metadata")).put("name", "a-fresh").remove("labels");
        cli.create(ns, fresh);
    }

    @Test
    void listShowsArgosColumnsUnfinishedFirstAndFiltersOnTheControllersLabels(TestNamespace ns) {
        threeWorkflows(ns.name());

        var all = cli.run("list", "-n", ns.name());

        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out().lines().toList()).hasSize(4);
        assertThat(all.out().lines().toList().get(0)).matches("NAME +STATUS +AGE +DURATION +PRIORITY +MESSAGE");
        assertThat(all.out().lines().toList().get(1)).matches("a-fresh +Pending +\\d+s +0s +0");
        assertThat(all.out()).containsPattern("(?m)^dag-diamond-8tbgr +Succeeded +\\S+ +\\S+ +0$")
                .containsPattern("(?m)^container-exit-code +Failed +\\S+ +\\S+ +0 +main: Error \\(exit code 3\\)$");
        assertThat(cli.run("list", "-n", ns.name(), "--status", "Failed", "-o", "name").out())
                .isEqualTo("container-exit-code\n");
        assertThat(cli.run("list", "-n", ns.name(), "--running", "-o", "name").out()).isEqualTo("a-fresh\n");
        assertThat(cli.run("list", "-n", ns.name(), "--completed", "--prefix", "dag", "-o", "name").out())
                .isEqualTo("dag-diamond-8tbgr\n");
        assertThat(cli.run("list", "-n", ns.name(), "-l", "nobody=here").out()).isEqualTo("No workflows found\n");
    }

    @Test
    void listAsJsonIsTheArrayOfStoredObjects(TestNamespace ns) {
        threeWorkflows(ns.name());

        var run = cli.run("list", "-n", ns.name(), "-o", "json");

        var printed = TestingWorkflowObjects.tree(run.out());
        assertThat(printed.isArray()).isTrue();
        assertThat(printed).hasSize(3);
        assertThat(printed.get(0).path("metadata").path("name").asText()).isEqualTo("a-fresh");
        assertThat(printed.get(1).path("metadata").has("managedFields")).isFalse();
    }

    @Test
    void getPrintsTheSummaryAndTheTreeRunPrintsAndTheStoredObjectUnderJson(TestNamespace ns) {
        threeWorkflows(ns.name());

        var run = cli.run("get", "dag-diamond-8tbgr", "-n", ns.name());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Name:                dag-diamond-8tbgr\n",
                "Namespace:           " + ns.name() + "\n", "Status:              Succeeded\n",
                "Progress:            4/4\n")
                .containsPattern("(?m)^ ✔ dag-diamond-8tbgr +diamond$")
                .containsPattern("(?m)^ ├─✔ A +echo +dag-diamond-8tbgr-echo-\\d+ +\\d+s$");
        ObjectNode json = TestingClusterCli.parse(cli.run("get", "dag-diamond-8tbgr", "-n", ns.name(), "-o", "json")
                .out());
        assertThat(json).isEqualTo(WorkflowObjects.withoutManagedFields(cli.get(ns.name(), "dag-diamond-8tbgr")));
        // the newest by creation time; among equal times (whole seconds) the first by name, as Argo picks it
        assertThat(cli.run("get", "@latest", "-n", ns.name(), "-o", "name").out()).isEqualTo("a-fresh\n");
    }

    @Test
    void getOfAnUnknownWorkflowSaysSoAndExits1(TestNamespace ns) {
        var run = cli.run("get", "nope", "-n", ns.name());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("skiff: workflow nope not found in namespace " + ns.name() + "\n");
    }

    @Test
    void watchFollowsTheWorkflowUntilTheControllerFinishesIt(TestNamespace ns) throws Exception {
        ObjectNode recorded = TestingWorkflowObjects.resource("dag-diamond-succeeded.json");
        cli.create(ns.name(), runningDiamond(ns.name()));

        var watch = cli.start("watch", "dag-diamond-8tbgr", "-n", ns.name());
        watch.awaitErr("dag-diamond-8tbgr (DAG diamond) Running");
        cli.patch(ns.name(), "dag-diamond-8tbgr", SubmitCommandIT.controllerWrite(recorded));
        var run = watch.get();

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).as("one progress line per node change")
                .contains("✔ dag-diamond-8tbgr.A (Pod echo) Succeeded", "✔ dag-diamond-8tbgr (DAG diamond) Succeeded");
        assertThat(run.out()).contains("Status:              Succeeded\n")
                .containsPattern("(?m)^ └─✔ D +echo +dag-diamond-8tbgr-echo-\\d+ +\\d+s$");
    }

    /** The recorded dag-diamond as the controller leaves it when it has just started. */
    private static ObjectNode runningDiamond(String ns) {
        ObjectNode running = TestingClusterCli.recorded("dag-diamond-succeeded.json", ns);
        ((ObjectNode) running.get("metadata")).remove("labels");
        running.set("status", TestingWorkflowObjects.json("{'phase': 'Running', 'startedAt': '2026-01-01T10:00:00Z',"
                + " 'nodes': {'dag-diamond-8tbgr': {'id': 'dag-diamond-8tbgr', 'name': 'dag-diamond-8tbgr', 'type':"
                + " 'DAG', 'templateName': 'diamond', 'phase': 'Running', 'startedAt': '2026-01-01T10:00:00Z'}}}"));
        return running;
    }

    @Test
    void watchSaysWhenTheWorkflowIsDeletedBeforeItFinishes(TestbedCluster hub, TestNamespace ns) throws Exception {
        cli.create(ns.name(), runningDiamond(ns.name()));

        var watch = cli.start("watch", "dag-diamond-8tbgr", "-n", ns.name());
        watch.awaitErr("dag-diamond-8tbgr (DAG diamond) Running");
        hub.kubectl("-n", ns.name(), "delete", "workflow", "dag-diamond-8tbgr");
        var run = watch.get();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("skiff: workflow dag-diamond-8tbgr was deleted from namespace " + ns.name()
                + " before it finished");
    }
}
