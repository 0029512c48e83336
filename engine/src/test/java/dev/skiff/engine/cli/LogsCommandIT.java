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
 * {@code skiff logs}: which pods' logs it asks the API server for. The testbed's kwok nodes run no
 * kubelet, so the API server answers each {@code pods/log} request with a 500 naming the kubelet URL
 * it tried ({@code /containerLogs/<namespace>/<pod>/<container>}): that URL shows the request the
 * command made. Lines actually printed need a kubelet that serves logs (the process kubelet), and
 * are checked where it runs.
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

    private void pod(TestbedCluster hub, String ns, String name, String workflow, boolean schedulable)
            throws IOException {
        ObjectNode pod = TestingWorkflowObjects.json("""
                {'apiVersion': 'v1', 'kind': 'Pod',
                 'metadata': {'name': '%s', 'labels': {'workflows.argoproj.io/workflow': '%s'},
                              'annotations': {'skiff.dev/testbed-duration': '1h'}},
                 'spec': {'containers': [{'name': 'main', 'image': 'busybox'}, {'name': 'wait', 'image': 'argoexec'}],
                          'nodeSelector': %s}}
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

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).hasSize(2).allMatch(line -> line.startsWith("skiff: logs of pod "));
        assertThat(run.err()).contains("skiff: logs of pod " + podA + " (container main): 500",
                "/containerLogs/" + ns.name() + "/" + podA + "/main", "/containerLogs/" + ns.name() + "/" + podB
                        + "/main").doesNotContain("pending-one").doesNotContain("another-workflows-pod");
    }

    @Test
    void aNodeNamesItsPodAndAContainerCanBeChosen(TestbedCluster hub, TestNamespace ns) throws IOException {
        cli.create(ns.name(), TestingClusterCli.recorded("dag-diamond-succeeded.json", ns.name()));
        String podA = PodNames.podName(WF, WF + ".A", "echo");
        String podB = PodNames.podName(WF, WF + ".B", "echo");
        pod(hub, ns.name(), podA, WF, true);
        pod(hub, ns.name(), podB, WF, true);

        var run = cli.run("logs", WF, "-n", ns.name(), "--node", "B", "-c", "wait");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("/containerLogs/" + ns.name() + "/" + podB + "/wait").doesNotContain(podA);
        var follow = cli.run("logs", WF, "-n", ns.name(), podA, "--follow");
        assertThat(follow.exit()).as("a finished workflow: --follow ends").isEqualTo(1);
        assertThat(follow.err()).contains("/containerLogs/" + ns.name() + "/" + podA + "/main").doesNotContain(podB);
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
