package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster commands through {@code bin/skiff} (module path, plugin layers) against a testbed cluster. */
@Testbed
class ClusterCommandsDistIT {

    @TempDir
    Path dir;

    private Map<String, String> env;

    @BeforeEach
    void setUp(TestbedCluster hub) {
        hub.kubectl("apply", "-f", TestingLauncher.home().resolve("manifests/crds.yaml").toString());
        hub.kubectl("wait", "--for=condition=established", "--timeout=60s", "crd/workflows.argoproj.io");
        env = Map.of("KUBECONFIG", hub.kubeconfig().toString(), "HOME", dir.toString());
    }

    @Test
    void helpListsTheClusterCommandsOneLineEach() throws Exception {
        var help = TestingLauncher.run(Map.of(), "--help");

        assertThat(help.exitCode()).isZero();
        for (String command : new String[] {"submit", "list", "get", "watch", "logs", "stop", "terminate", "suspend",
            "resume", "delete"}) {
            assertThat(help.stdout()).containsPattern("(?m)^  " + command + " +\\S.*$");
        }
    }

    @Test
    void submitCreatesAnExampleThatListAndGetThenShow(TestbedCluster hub, TestNamespace ns) throws Exception {
        String example = TestingLauncher.home().resolve("examples/hello-world.yaml").toString();

        var submit = TestingLauncher.run(env, "submit", example, "-n", ns.name());

        assertThat(submit.exitCode()).as(submit.stderr()).isZero();
        String name = submit.stdout().strip();
        assertThat(name).startsWith("hello-world-");
        assertThat(submit.stderr()).as("no SLF4J or other noise").doesNotContain("SLF4J").doesNotContain("Exception");
        JsonNode stored = new ObjectMapper().readTree(hub.kubectl("-n", ns.name(), "get", "wf", name, "-o", "json"));
        assertThat(stored.path("spec").path("entrypoint").asText()).isNotEmpty();
        var list = TestingLauncher.run(env, "list", "-n", ns.name());
        assertThat(list.stdout()).containsPattern("(?m)^" + name + " +Pending +\\d+s +0s +0$");
        var get = TestingLauncher.run(env, "get", name, "-n", ns.name());
        assertThat(get.stdout()).contains("Name:                " + name, "Status:              Pending");
    }

    @Test
    void aWorkflowMadeWithKubectlIsListedAndKubectlShowsThePrinterColumns(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        Path wf = Files.writeString(dir.resolve("wf.json"), """
                {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
                 "metadata": {"name": "by-kubectl"},
                 "spec": {"entrypoint": "main", "templates": [{"name": "main", "container": {"image": "busybox"}}]},
                 "status": {"phase": "Failed", "startedAt": "2026-01-01T10:00:00Z",
                            "finishedAt": "2026-01-01T10:00:07Z", "message": "it broke"}}
                """);
        hub.kubectl("-n", ns.name(), "create", "-f", wf.toString());

        var list = TestingLauncher.run(env, "list", "-n", ns.name());
        String kubectl = hub.kubectl("-n", ns.name(), "get", "wf");

        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout()).containsPattern("(?m)^by-kubectl +Failed +\\S+ +7s +0 +it broke$");
        assertThat(kubectl).containsPattern("(?m)^NAME +STATUS +AGE +MESSAGE$")
                .containsPattern("(?m)^by-kubectl +Failed +\\S+ +it broke$");
    }
}
