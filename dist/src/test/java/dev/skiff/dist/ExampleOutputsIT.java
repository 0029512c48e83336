package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs and failures come back through {@code bin/skiff -o json} as Argo reports them. */
class ExampleOutputsIT {

    @TempDir
    Path dir;

    private static JsonNode run(String... args) throws Exception {
        TestingLauncher.Result result = TestingLauncher.run(Map.of(), args);
        return new ObjectMapper().readTree(result.stdout());
    }

    private static JsonNode node(JsonNode wf, String displayName) {
        for (JsonNode n : wf.path("status").path("nodes")) {
            if (n.path("displayName").asText().equals(displayName)) {
                return n;
            }
        }
        throw new AssertionError("no node " + displayName + " in " + wf.path("status").path("nodes").toPrettyString());
    }

    private static String parameter(JsonNode node, String name) {
        for (JsonNode p : node.path("outputs").path("parameters")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("value").asText();
            }
        }
        throw new AssertionError("no output parameter " + name + " in " + node.toPrettyString());
    }

    @Test
    void fileOutputsAndStdoutReachTheNextStep() throws Exception {
        JsonNode wf = run("run", TestingLauncher.home().resolve("examples/output-parameters.yaml").toString(), "-o", "json");

        JsonNode generate = node(wf, "generate");
        assertThat(parameter(generate, "hello-param")).isEqualTo("hello world");
        assertThat(generate.path("outputs").path("result").asText()).isEqualTo("printed");
        assertThat(node(wf, "consume").path("inputs").toString()).contains("hello world", "printed");
    }

    @Test
    void scriptResultsAreTheirStdout() throws Exception {
        JsonNode wf = run("run", TestingLauncher.home().resolve("examples/scripts.yaml").toString(), "-o", "json");

        assertThat(node(wf, "python").path("outputs").path("result").asText()).isEqualTo("5");
        assertThat(node(wf, "shell").path("outputs").path("result").asText()).isEqualTo("10");
        assertThat(node(wf, "check").path("phase").asText()).isEqualTo("Succeeded");
    }

    @Test
    void parametersFromTheCommandLineReachTheStep() throws Exception {
        Path name = Files.writeString(dir.resolve("name.txt"), "file-name");

        Path work = dir.resolve("work");

        JsonNode wf = run("run", TestingLauncher.home().resolve("examples/parameters.yaml").toString(), "-o", "json",
                "-p", "greeting=hi", "-p", "name=@" + name, "--work-dir", work.toString());

        assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
        // Argo keeps outputs.result only when something refers to it; the step's log is in its sandbox.
        Path log = work.resolve(wf.path("metadata").path("name").asText()).resolve("stdout.log");
        assertThat(log).content().isEqualTo("hi, file-name!\n");
    }

    @Test
    void aFailingStepFailsTheWorkflowWithExit1AndArgosMessage() throws Exception {
        Path wfFile = Files.writeString(dir.resolve("fail.yaml"), String.join("\n",
                "apiVersion: argoproj.io/v1alpha1", "kind: Workflow", "metadata: {generateName: fail-}",
                "spec:", "  entrypoint: main", "  templates:",
                "    - name: main", "      container: {image: alpine, command: [sh, -c, 'echo boom >&2; exit 3']}", ""));

        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", wfFile.toString(), "-o", "json",
                "--work-dir", dir.resolve("work").toString());

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        JsonNode wf = new ObjectMapper().readTree(result.stdout());
        assertThat(wf.path("status").path("phase").asText()).isEqualTo("Failed");
        List<String> messages = new ArrayList<>();
        wf.path("status").path("nodes").forEach(n -> messages.add(n.path("message").asText()));
        assertThat(messages).anyMatch(m -> m.contains("Error (exit code 3)"));
    }

    @Test
    void lintProblemsExit2BeforeAnythingRuns() throws Exception {
        Path wfFile = Files.writeString(dir.resolve("bad.yaml"), String.join("\n",
                "apiVersion: argoproj.io/v1alpha1", "kind: Workflow", "metadata: {generateName: bad-}",
                "spec:", "  entrypoint: nowhere", "  templates:",
                "    - name: main", "      container: {image: alpine, command: [touch, " + dir.resolve("ran") + "]}", ""));

        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", wfFile.toString(), "-o", "json");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("bad.yaml", "nowhere").doesNotContain("Exception");
        // -o json still carries the Workflow, as Argo records one its validation rejects.
        JsonNode status = new ObjectMapper().readTree(result.stdout()).path("status");
        assertThat(status.path("phase").asText()).isEqualTo("Failed");
        assertThat(status.path("message").asText()).startsWith("invalid spec: ").contains("nowhere");
        assertThat(status.path("nodes").isEmpty()).isTrue();
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void artifactsAreStoredUnderTheirKeyInTheWorkDirectoryAndRecordedAsArgoDoes() throws Exception {
        Path work = dir.resolve("work");

        JsonNode wf = run("run", TestingLauncher.home().resolve("examples/artifact-passing.yaml").toString(), "-o", "json",
                "--work-dir", work.toString());

        assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
        JsonNode saved = node(wf, "generate").path("outputs").path("artifacts").get(0);
        String key = saved.path("s3").path("key").asText();
        String pod = wf.path("metadata").path("name").asText() + "/" + wf.path("metadata").path("name").asText()
                + "-generate-";
        assertThat(saved.path("name").asText()).isEqualTo("hello-art");
        assertThat(saved.path("path").asText()).isEqualTo("/tmp/hello_world.txt");
        assertThat(key).startsWith(pod).endsWith("/hello-art.tgz");
        assertThat(work.resolve("artifacts").resolve(key)).isRegularFile();
        assertThat(node(wf, "consume").path("inputs").path("artifacts").get(0).path("s3").path("key").asText())
                .isEqualTo(key);
        assertThat(node(wf, "consume").path("phase").asText()).isEqualTo("Succeeded");
    }

    @Test
    void anArtifactInABucketWithoutCredentialsErrorsItsStepBeforeTheProcessRuns() throws Exception {
        Path wfFile = Files.writeString(dir.resolve("s3.yaml"), String.join("\n",
                "apiVersion: argoproj.io/v1alpha1", "kind: Workflow", "metadata: {generateName: s3-}",
                "spec:", "  entrypoint: main", "  templates:",
                "    - name: main",
                "      inputs: {artifacts: [{name: data, path: /in, s3: {bucket: b, key: k, endpoint: 'minio:9000'}}]}",
                "      container: {image: alpine, command: [touch, " + dir.resolve("ran") + "]}", ""));

        // The artifacts-s3 plugin serves it; without secrets and with no AWS credentials around, loading fails.
        TestingLauncher.Result result = TestingLauncher.run(Map.of("AWS_EC2_METADATA_DISABLED", "true",
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString(), "AWS_CONFIG_FILE",
                dir.resolve("none").toString()), "run", wfFile.toString(), "-o", "json", "--work-dir",
                dir.resolve("work").toString());

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        // "no AWS credentials" here; "cannot reach minio:9000" where the environment has AWS keys.
        assertThat(result.stdout()).contains("init: Error (exit code 64): artifact data failed to load: failed to get"
                + " s3://b/k: ").doesNotContain("Exception");
        assertThat(dir.resolve("ran")).doesNotExist();
    }
}
