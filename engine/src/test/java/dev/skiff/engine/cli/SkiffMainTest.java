package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkiffMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CliIo io = new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), TerminalInfo.NONE, Map.of(), dir, Clock.systemUTC());
        return SkiffMain.execute(io, args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheCommandsAndSaysImagesAreIgnored() {
        assertThat(run("--help")).as(this::err).isZero();
        assertThat(out()).contains("run", "lint", "version", "ignored");

        assertThat(run("run", "--help")).isZero();
        assertThat(out()).contains("IGNORED", "-o", "--work-dir", "Exit codes");
    }

    @Test
    void versionPrintsSkiffAndJava() {
        assertThat(run("version")).isZero();
        assertThat(out()).startsWith("skiff ").contains("java ");
    }

    @Test
    void anUnknownOptionIsExit2WithAHint() {
        assertThat(run("run", "--bogus", "x.yaml")).isEqualTo(2);
        assertThat(err()).contains("Unknown option", "--help").doesNotContain("Exception");
    }

    @Test
    void noCommandIsExit2() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("Missing command");
    }

    @Test
    void aMissingFileIsExit2WithoutAStackTrace() {
        assertThat(run("run", dir.resolve("nope.yaml").toString(), "-o", "json")).isEqualTo(2);
        assertThat(err()).contains("nope.yaml: no such file").doesNotContain("\tat ");
        assertThat(out()).isEmpty();
    }

    @Test
    void unreadableYamlIsExit2NamingTheFile() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "kind: Workflow\nspec: [unclosed\n");

        assertThat(run("run", bad.toString())).isEqualTo(2);
        assertThat(err()).contains("bad.yaml").doesNotContain("\tat ");
    }

    @Test
    void aBadParameterIsExit2() throws IOException {
        Path wf = Files.writeString(dir.resolve("wf.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "metadata: {name: x}\nspec: {entrypoint: main, templates: [{name: main, container: {image: a, command: [true]}}]}\n");

        assertThat(run("run", wf.toString(), "-p", "oops")).isEqualTo(2);
        assertThat(err()).contains("-p oops: expected name=value");
    }

    @Test
    void lintProblemsAreExit2WithFileTemplateAndHint() throws IOException {
        Path wf = Files.writeString(dir.resolve("wf.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "metadata: {name: x}\nspec: {entrypoint: nothere, templates: [{name: main, container: {image: a}}]}\n");

        assertThat(run("lint", wf.toString())).isEqualTo(2);
        assertThat(err()).contains("wf.yaml: ", "nothere", "(hint: ");
        assertThat(run("run", wf.toString())).isEqualTo(2);
        assertThat(out()).isEmpty();
    }

    @Test
    void anInvalidWorkflowUnderOutputJsonIsPrintedAsArgoRecordsARejectedOne() throws IOException {
        Path wf = Files.writeString(dir.resolve("wf.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "metadata: {name: x}\nspec: {entrypoint: main, templates: [{name: main, suspend: {}, daemon: true},"
                + " {name: other, steps: [[{name: s, template: nothere}]]}],\n"
                + "  arguments: {parameters: [{name: stage, value: dev, enum: [dev, prod]}]}}\n");

        assertThat(run("run", wf.toString(), "-o", "json", "-p", "stage=staging")).isEqualTo(2);

        // The first problem Argo's validation also rejects, not the Skiff-only daemon problem.
        assertThat(err()).contains("stage.enum list", "daemon templates are not supported by Skiff yet");
        JsonNode doc = new ObjectMapper().readTree(out());
        assertThat(doc.path("metadata").path("name").asText()).isEqualTo("x");
        JsonNode status = doc.path("status");
        assertThat(status.path("phase").asText()).isEqualTo("Failed");
        assertThat(status.path("message").asText())
                .isEqualTo("invalid spec: spec.arguments.stage.value should be present in spec.arguments.stage.enum list");
        assertThat(status.path("progress").asText()).isEqualTo("0/0");
        assertThat(status.path("nodes").isEmpty()).isTrue();
        assertThat(status.path("startedAt").asText()).isNotEmpty().isEqualTo(status.path("finishedAt").asText());
        assertThat(status.path("conditions").toString()).isEqualTo("[{\"type\":\"Completed\",\"status\":\"True\"}]");
    }

    @Test
    void aWorkflowWithOnlySkiffOnlyProblemsIsPrintedFailedWithSkiffsMessage() throws IOException {
        Path wf = Files.writeString(dir.resolve("wf.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "metadata: {generateName: d-}\nspec: {entrypoint: main, templates: [{name: main, daemon: true,"
                + " container: {image: a, command: [\"true\"]}}]}\n");

        assertThat(run("run", wf.toString(), "-o", "yaml")).isEqualTo(2);

        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(out());
        assertThat(doc.path("metadata").path("name").asText()).startsWith("d-").hasSize(7);
        assertThat(doc.path("status").path("phase").asText()).isEqualTo("Failed");
        assertThat(doc.path("status").path("message").asText())
                .isEqualTo("template main: daemon templates are not supported by Skiff yet");
        assertThat(err()).contains("daemon templates are not supported by Skiff yet", "(hint: ");
    }

    @Test
    void aWorkflowWithoutANameIsExit2NotAnInternalError() throws IOException {
        Path wf = Files.writeString(dir.resolve("noname.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "spec: {entrypoint: main, templates: [{name: main, container: {image: a, command: [\"true\"]}}]}\n");

        assertThat(run("run", wf.toString(), "-o", "json")).isEqualTo(2);
        assertThat(err()).contains("noname.yaml: metadata.name or metadata.generateName is required")
                .doesNotContain("internal error");
        assertThat(out()).isEmpty();
        assertThat(run("lint", wf.toString())).isEqualTo(2);
    }

    @Test
    void unreadableYamlPrintsNoDocumentEvenUnderOutputJson() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "kind: Workflow\nspec: [unclosed\n");

        assertThat(run("run", bad.toString(), "-o", "json")).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("bad.yaml");
    }

    @Test
    void aCleanFileLintsToExit0() throws IOException {
        Path wf = Files.writeString(dir.resolve("ok.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "metadata: {name: x}\nspec: {entrypoint: main, templates: [{name: main, container: {image: a, command: [\"true\"]}}]}\n");

        assertThat(run("lint", wf.toString())).isZero();
        assertThat(out()).contains("ok.yaml: no problems found");
    }

    @Test
    void aBadOutputFormatIsExit2() throws IOException {
        Path wf = Files.writeString(dir.resolve("ok.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "metadata: {name: x}\nspec: {entrypoint: main, templates: [{name: main, container: {image: a}}]}\n");

        assertThat(run("run", wf.toString(), "-o", "xml")).isEqualTo(2);
        assertThat(err()).contains("expected json, yaml or wide");
    }
}
