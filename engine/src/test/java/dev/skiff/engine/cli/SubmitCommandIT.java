package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skiff submit} against a real kube-apiserver with Skiff's CRDs; a test thread plays the controller. */
@Testbed
class SubmitCommandIT {

    private static final String HELLO = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hello-}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: message, value: hi}, {name: other, value: kept}]}
              templates:
              - name: main
                inputs: {parameters: [{name: message}]}
                container: {image: busybox, command: [echo, "{{inputs.parameters.message}}"]}
            """;

    @TempDir
    Path dir;

    private TestingClusterCli cli;

    @BeforeEach
    void setUp(TestbedCluster hub) throws IOException {
        cli = new TestingClusterCli(hub, dir);
    }

    @Test
    void createsTheWorkflowWithGeneratedNameParametersAndLabelsAndPrintsItsName(TestNamespace ns) throws IOException {
        Path file = Files.writeString(dir.resolve("hello.yaml"), HELLO);

        var run = cli.run("submit", file.toString(), "-n", ns.name(), "-p", "message=bonjour", "-l", "team=blue");

        assertThat(run.exit()).as(run.err()).isZero();
        String name = run.out().strip();
        assertThat(name).matches("hello-[a-z0-9]{5}");
        ObjectNode stored = cli.get(ns.name(), name);
        assertThat(stored.path("spec").path("arguments").path("parameters")).isEqualTo(TestingWorkflowObjects.tree(
                "[{'name': 'message', 'value': 'bonjour'}, {'name': 'other', 'value': 'kept'}]"));
        assertThat(stored.path("metadata").path("labels").path("team").asText()).isEqualTo("blue");
        assertThat(stored.path("spec").path("templates").get(0).path("container").path("command").get(1).asText())
                .isEqualTo("{{inputs.parameters.message}}");
        assertThat(stored.has("status")).isFalse();
    }

    @Test
    void theNamespaceDefaultsToTheKubeconfigContextsAndOutputJsonPrintsTheCreatedObject(TestbedCluster hub,
            TestNamespace ns) throws IOException {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.copy(hub.kubeconfig(), kubeconfig);
        hub.kubectl("--kubeconfig", kubeconfig.toString(), "config", "set-context", "--current",
                "--namespace=" + ns.name());
        Path file = Files.writeString(dir.resolve("hello.yaml"), HELLO);

        var run = cli.run("submit", file.toString(), "--kubeconfig", kubeconfig.toString(), "-o", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        ObjectNode printed = TestingClusterCli.parse(run.out());
        ObjectNode stored = cli.get(ns.name(), printed.path("metadata").path("name").asText());
        assertThat(printed.path("metadata").path("namespace").asText()).isEqualTo(ns.name());
        assertThat(printed.path("metadata").path("uid")).isEqualTo(stored.path("metadata").path("uid"));
        assertThat(printed.path("metadata").has("managedFields")).isFalse();
    }

    @Test
    void waitUnderOutputJsonPrintsWhatRunPrintsForTheFinalWorkflowAndExits0(TestNamespace ns) throws Exception {
        ObjectNode recorded = TestingWorkflowObjects.resource("dag-diamond-succeeded.json");
        String name = recorded.path("metadata").path("name").asText();
        Path file = submittable(recorded);

        var submit = cli.start("submit", file.toString(), "-n", ns.name(), "--name", name, "--wait", "-o", "json");
        cli.awaitCreated(ns.name(), name);
        cli.patch(ns.name(), name, controllerWrite(recorded));
        var run = submit.get();

        assertThat(run.exit()).as(run.err()).isZero();
        ObjectNode stored = WorkflowObjects.withoutManagedFields(cli.get(ns.name(), name));
        assertThat(run.out()).as("the output path of skiff run -o json")
                .isEqualTo(WorkflowCodec.toJson(WorkflowCodec.read(stored.toString(), "stored")) + "\n");
        JsonNode printed = TestingClusterCli.parse(run.out());
        assertThat(printed.get("status")).as("the status skiff run -o json printed for this workflow")
                .isEqualTo(recorded.get("status"));
        assertThat(printed.path("metadata").path("labels")).isEqualTo(recorded.path("metadata").path("labels"));
    }

    @Test
    void waitExits1WhenTheWorkflowFailsAsRunDoes(TestNamespace ns) throws Exception {
        ObjectNode recorded = TestingWorkflowObjects.resource("container-exit-code-failed.json");
        String name = recorded.path("metadata").path("name").asText();
        Path file = submittable(recorded);

        var submit = cli.start("submit", file.toString(), "-n", ns.name(), "--name", name, "--wait");
        cli.awaitCreated(ns.name(), name);
        cli.patch(ns.name(), name, controllerWrite(recorded));
        var run = submit.get();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).as("no terminal: the summary and final tree on stdout")
                .contains("Status:              Failed", "Message:             main: Error (exit code 3)")
                .containsPattern("(?m)^ ✖ container-exit-code +fail +container-exit-code +\\S+ +main: Error");
        assertThat(run.err()).as("progress lines").contains("container-exit-code (Pod fail) Failed");
    }

    @Test
    void lintProblemsCreateNothing(TestNamespace ns) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), HELLO.replace("name: main\n", "name: other\n"));

        var run = cli.run("submit", file.toString(), "-n", ns.name());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml: ");
        assertThat(cli.run("list", "-n", ns.name()).out()).isEqualTo("No workflows found\n");
    }

    @Test
    void anApiRefusalIsOneLineAndExit1(TestNamespace ns) throws IOException {
        Path file = Files.writeString(dir.resolve("hello.yaml"), HELLO);
        assertThat(cli.run("submit", file.toString(), "-n", ns.name(), "--name", "twice").exit()).isZero();

        var run = cli.run("submit", file.toString(), "-n", ns.name(), "--name", "twice");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("skiff: 409 AlreadyExists: workflows.argoproj.io \"twice\" already exists")
                .hasLineCount(1);
    }

    @Test
    void aUserWithoutRightsGetsThe403InOneLineWithoutTheToken(TestbedCluster hub, TestNamespace ns)
            throws IOException {
        String token = hub.staticToken(TestbedCluster.PLAIN_USER);
        Files.writeString(dir.resolve("ca.crt"), hub.caCertificatePem());
        Path kubeconfig = Files.writeString(dir.resolve("user.kubeconfig"), """
                current-context: user
                clusters: [{name: hub, cluster: {server: "%s", certificate-authority: ca.crt}}]
                contexts: [{name: user, context: {cluster: hub, user: user, namespace: %s}}]
                users: [{name: user, user: {token: "%s"}}]
                """.formatted(hub.server(), ns.name(), token));

        var run = cli.run("list", "--kubeconfig", kubeconfig.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("skiff: 403 Forbidden: workflows.argoproj.io is forbidden: User \""
                + TestbedCluster.PLAIN_USER + "\" cannot list resource \"workflows\"").doesNotContain(token)
                .doesNotContain("\tat ");
    }

    /** What a user would submit: the recorded workflow's spec under its generateName. */
    private Path submittable(ObjectNode recorded) throws IOException {
        ObjectNode wf = TestingWorkflowObjects.JSON.createObjectNode();
        wf.set("apiVersion", recorded.get("apiVersion"));
        wf.set("kind", recorded.get("kind"));
        wf.putObject("metadata").put("generateName", recorded.path("metadata").path("name").asText() + "-");
        wf.set("spec", recorded.get("spec"));
        return Files.writeString(dir.resolve("submitted-" + System.nanoTime() + ".json"), wf.toString());
    }

    /** What the controller writes when the workflow is done: its labels and final status. */
    static ObjectNode controllerWrite(ObjectNode recorded) {
        ObjectNode patch = TestingWorkflowObjects.JSON.createObjectNode();
        patch.putObject("metadata").set("labels", recorded.path("metadata").path("labels"));
        patch.set("status", recorded.get("status"));
        return patch;
    }
}
