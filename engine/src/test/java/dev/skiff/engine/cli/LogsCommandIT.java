package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.PodNames;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skiff logs}: which pods' logs it reads and how it prints them. Pods labelled with a workflow are run by
 * the testbed's process kubelet (their containers are host processes; the image is ignored), which serves their
 * logs through the API server's {@code pods/log} as a kubelet does.
 */
@Testbed
class LogsCommandIT {

    private static final String WF = "dag-diamond-8tbgr";

    @TempDir
    Path dir;

    private TestingClusterCli cli;

    @BeforeEach
    void setUp(TestbedCluster hub) throws IOException {
        cli = new TestingClusterCli(hub, dir);
    }

    /** A pod whose containers print a line naming themselves and then keep running. */
    private void pod(TestbedCluster hub, String ns, String name, String workflow, boolean schedulable)
            throws IOException {
        ObjectNode pod = TestingWorkflowObjects.json("""
                {'apiVersion': 'v1', 'kind': 'Pod',
                 'metadata': {'name': '%1$s', 'labels': {'workflows.argoproj.io/workflow': '%2$s'}},
                 'spec': {'containers': [
                            {'name': 'main', 'image': 'busybox',
                             'command': ['sh', '-c', 'echo main of %1$s; exec sleep 3600']},
                            {'name': 'wait', 'image': 'busybox',
                             'command': ['sh', '-c', 'echo wait of %1$s; exec sleep 3600']}],
                          'terminationGracePeriodSeconds': 1, 'nodeSelector': %3$s}}
                """.formatted(name, workflow, schedulable ? "{}" : "{'nowhere': 'true'}"));
        Path file = Files.writeString(dir.resolve(name + ".json"), pod.toString());
        hub.kubectl("-n", ns, "create", "-f", file.toString());
        if (schedulable) {
            hub.kubectl("-n", ns, "wait", "--for=jsonpath={.status.phase}=Running", "pod/" + name, "--timeout=60s");
        }
    }

    @Test
    void asksForContainerMainOfEveryStartedPodOfTheWorkflowInItsNamespace(TestbedCluster hub, TestNamespace ns)
            throws IOException {
        cli.create(ns.name(), TestingClusterCli.recorded("dag-diamond-succeeded.json", ns.name()));
        String podA = PodNames.podName(WF, WF + ".A", "echo");
        String podB = PodNames.podName(WF, WF + ".B", "echo");
        pod(hub, ns.name(), podA, WF, true);
        pod(hub, ns.name(), podB, WF, true);
        pod(hub, ns.name(), "pending-one", WF, false);
        pod(hub, ns.name(), "another-workflows-pod", "other", true);

        var run = cli.run("logs", WF, "-n", ns.name());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactlyInAnyOrder(podA + ": main of " + podA,
                podB + ": main of " + podB);
        assertThat(run.out() + run.err()).doesNotContain("pending-one").doesNotContain("another-workflows-pod");
    }

    @Test
    void aNodeNamesItsPodAndAContainerCanBeChosen(TestbedCluster hub, TestNamespace ns) throws IOException {
        cli.create(ns.name(), TestingClusterCli.recorded("dag-diamond-succeeded.json", ns.name()));
        String podA = PodNames.podName(WF, WF + ".A", "echo");
        String podB = PodNames.podName(WF, WF + ".B", "echo");
        pod(hub, ns.name(), podA, WF, true);
        pod(hub, ns.name(), podB, WF, true);

        var run = cli.run("logs", WF, "-n", ns.name(), "--node", "B", "-c", "wait");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(podB + ": wait of " + podB);
        var onePod = cli.run("logs", WF, "-n", ns.name(), podA);
        assertThat(onePod.exit()).as(onePod.err()).isZero();
        assertThat(onePod.out().lines().toList()).containsExactly(podA + ": main of " + podA);
    }

    @Test
    void aWorkflowWithoutPodsPrintsNothingAndAnUnknownNodeIsBadInput(TestNamespace ns) {
        cli.create(ns.name(), TestingClusterCli.recorded("dag-diamond-succeeded.json", ns.name()));

        var run = cli.run("logs", WF, "-n", ns.name());
        var unknownNode = cli.run("logs", WF, "-n", ns.name(), "--node", "Z");
        var unknownWorkflow = cli.run("logs", "nope", "-n", ns.name());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(unknownNode.exit()).isEqualTo(2);
        assertThat(unknownNode.err()).contains("workflow " + WF + " has no node 'Z'");
        assertThat(unknownWorkflow.exit()).isEqualTo(1);
        assertThat(unknownWorkflow.err()).contains("workflow nope not found in namespace " + ns.name());
    }
}
