package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * {@code skiff run} and {@code skiff lint} with WorkflowTemplates: from the documents of the files given and from
 * {@code --templates DIR}; a file of templates alone runs as {@code argo submit --from} would. Runs that pass lint
 * need an executor (see dist's ExamplesIT); here the workflows are refused by lint (a daemon step) or are lint-only.
 */
class TemplateFilesCliTest {

    private static final String LIBRARY = """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: lib}
            spec:
              entrypoint: say
              templates:
                - name: say
                  inputs: {parameters: [{name: message, value: hi}]}
                  container: {image: busybox, command: [echo], args: ["{{inputs.parameters.message}}"]}
            """;
    private static final String CALLER = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: caller-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps: [[{name: call, templateRef: {name: lib, template: say}}]]
            """;
    private static final String DAEMON_LIBRARY = """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: %s}
            spec:
              entrypoint: main
              templates: [{name: main, daemon: true, container: {image: a}}]
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        CliIo io = new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
                TerminalInfo.NONE, Map.of(), dir, Clock.systemUTC());
        return SkiffMain.execute(io, args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void lintResolvesReferencesAmongTheDocumentsOfAFile() throws IOException {
        Path file = write("both.yaml", LIBRARY + "---\n" + CALLER);

        assertThat(run("lint", file.toString())).as(this::err).isZero();
        assertThat(out()).contains("both.yaml: 1 Workflow and 1 template, no problems found");
    }

    @Test
    void aMissingReferenceIsArgosProblemAndTemplatesUnderADirectoryResolveIt() throws IOException {
        Path caller = write("caller.yaml", CALLER);
        write("lib/nested/library.yml", LIBRARY);
        write("lib/notes.txt", "not yaml: [");

        assertThat(run("lint", caller.toString())).isEqualTo(2);
        assertThat(err()).contains("caller.yaml: template main: templates.main.steps[0].call template reference"
                + " lib.say not found (hint: give skiff the WorkflowTemplate lib (in the same file, or with"
                + " --templates DIR))");

        assertThat(run("lint", caller.toString(), "--templates", dir.resolve("lib").toString())).as(this::err).isZero();
        assertThat(run("lint", dir.toString())).as(this::err).isZero();
        assertThat(out()).contains("caller.yaml: no problems found", "library.yml: no problems found");
    }

    @Test
    void runRefusesAMissingReferenceAsArgoRecordsARejectedWorkflow() throws IOException {
        Path caller = write("caller.yaml", CALLER);

        assertThat(run("run", caller.toString(), "-o", "json")).isEqualTo(2);
        JsonNode wf = new ObjectMapper().readTree(out());
        assertThat(wf.path("status").path("phase").asText()).isEqualTo("Failed");
        assertThat(wf.path("status").path("message").asText())
                .isEqualTo("invalid spec: templates.main.steps[0].call template reference lib.say not found");
    }

    @Test
    void aMissingWorkflowTemplateRefIsRefusedAndPrintedAsArgosControllerErrorsIt() throws IOException {
        Path file = write("lost.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: lost}
                spec: {workflowTemplateRef: {name: nope}}
                """);

        assertThat(run("run", file.toString(), "-o", "json")).isEqualTo(2);
        assertThat(err()).contains("lost.yaml: workflowtemplates.argoproj.io \"nope\" not found");
        JsonNode wf = new ObjectMapper().readTree(out());
        assertThat(wf.path("status").path("phase").asText()).isEqualTo("Error");
        assertThat(wf.path("status").path("message").asText()).isEqualTo("workflowtemplate.argoproj.io \"nope\" not found");
        assertThat(wf.path("status").path("progress").asText()).isEqualTo("0/0");
        assertThat(wf.path("status").has("nodes")).isFalse();
    }

    @Test
    void twoTemplatesOfOneKindWithOneNameAreRefused() throws IOException {
        Path caller = write("caller.yaml", LIBRARY + "---\n" + CALLER);
        write("more/lib.yaml", LIBRARY);

        assertThat(run("run", caller.toString(), "--templates", dir.resolve("more").toString())).isEqualTo(2);
        assertThat(err()).contains("duplicate WorkflowTemplate found: \"lib\" (in " + caller + " and "
                + dir.resolve("more/lib.yaml") + "); a name may be used once per kind");
    }

    @Test
    void aFileWithOnlyOneWorkflowTemplateRunsItAsArgoSubmitFromWould() throws IOException {
        Path only = write("only.yaml", DAEMON_LIBRARY.formatted("solo"));

        assertThat(run("run", only.toString(), "-o", "json")).isEqualTo(2);
        assertThat(err()).contains("only.yaml: no Workflow in the file: running WorkflowTemplate \"solo\" as argo"
                + " submit --from workflowtemplate/solo would", "daemon templates are not supported");
        JsonNode wf = new ObjectMapper().readTree(out());
        assertThat(wf.path("metadata").path("name").asText()).startsWith("solo-");
        assertThat(wf.path("metadata").path("labels").path("workflows.argoproj.io/workflow-template").asText())
                .isEqualTo("solo");
        assertThat(wf.path("spec").path("workflowTemplateRef").path("name").asText()).isEqualTo("solo");
    }

    @Test
    void fromPicksOneOfSeveralTemplates() throws IOException {
        Path two = write("two.yaml", DAEMON_LIBRARY.formatted("one") + "---\n" + DAEMON_LIBRARY.formatted("two"));

        assertThat(run("run", two.toString())).isEqualTo(2);
        assertThat(err()).contains("two.yaml: holds no Workflow but 2 templates (WorkflowTemplate \"one\","
                + " WorkflowTemplate \"two\"); choose the one to run with --from workflowtemplate/NAME");

        assertThat(run("run", "--from", "workflowtemplate/two", "--templates", dir.toString(), "-o", "json"))
                .isEqualTo(2);
        assertThat(new ObjectMapper().readTree(out()).path("spec").path("workflowTemplateRef").path("name").asText())
                .isEqualTo("two");
        assertThat(err()).contains("--from workflowtemplate/two: template main: daemon templates are not supported");
    }

    @Test
    void fromIsCheckedAsArgoChecksIt() throws IOException {
        Path both = write("both.yaml", LIBRARY + "---\n" + CALLER);

        assertThat(run("run", "--from", "lib")).isEqualTo(2);
        assertThat(err()).contains("resource identifier 'lib' is malformed. Should be `kind/name`");
        assertThat(run("run", "--from", "cronwf/lib")).isEqualTo(2);
        assertThat(err()).contains("Resource kind 'cronwf' is not supported for submitting");
        assertThat(run("run", both.toString(), "--from", "wftmpl/lib")).isEqualTo(2);
        assertThat(err()).contains("both.yaml: holds a Workflow, and --from wftmpl/lib names another one to run");
        assertThat(run("run")).isEqualTo(2);
        assertThat(err()).contains("give a workflow FILE, or --from workflowtemplate/NAME");
        assertThat(run("run", "--from", "workflowtemplate/nope")).isEqualTo(2);
        assertThat(err()).contains("workflowtemplates.argoproj.io \"nope\" not found");
    }

    @Test
    void aTemplatesDirectoryThatIsNotThereIsBadInput() throws IOException {
        Path caller = write("caller.yaml", CALLER);

        assertThat(run("run", caller.toString(), "--templates", dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(err()).contains("--templates " + dir.resolve("missing") + ": no such directory");
    }

    @Test
    void anUnreadableWorkflowTemplateIsNamedWithItsFile() throws IOException {
        Path bad = write("bad.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: WorkflowTemplate
                metadata: {name: broken}
                spec: {templates: [{name: a, steps: x}]}
                """);

        assertThat(run("lint", bad.toString())).isEqualTo(2);
        assertThat(err()).contains("bad.yaml: spec.templates[0].steps must be a list");
        assertThat(run("run", bad.toString())).isEqualTo(2);
        assertThat(err()).contains("bad.yaml (document 1 (line 1), WorkflowTemplate \"broken\"): spec.templates[0]"
                + ".steps must be a list");
    }
}
