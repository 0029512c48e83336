package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The template, cluster-template and cron commands' help, and what they refuse before contacting a cluster. */
class TemplateAndCronCommandsTest {

    @TempDir
    Path dir;

    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        CliIo io = new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
                TerminalInfo.NONE, Map.of("HOME", dir.toString()), dir, Clock.systemUTC());
        return SkiffMain.execute(io, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheGroupsAndTheirSubcommandsWithOneLineEach() {
        assertThat(run("--help")).isZero();
        assertThat(out()).containsPattern("(?m)^  template +Create, list, show, delete WorkflowTemplates")
                .containsPattern("(?m)^  cron +\\S")
                .containsPattern("(?m)^  cluster-template +Create, list, show, delete ClusterWorkflowTemplates\\.$");
        assertThat(run("cluster-template", "--help")).isZero();
        assertThat(out()).contains("ClusterWorkflowTemplates");
        assertThat(run("cron", "--help")).isZero();
        for (String sub : new String[] {"create", "list", "get", "delete", "suspend", "resume"}) {
            assertThat(out()).containsPattern("(?m)^  " + sub + " +\\S");
        }
        assertThat(run("template", "--help")).isZero();
        assertThat(out()).contains("Exit codes");
        assertThat(run("submit", "--help")).isZero();
        assertThat(out()).contains("--from=KIND/NAME");
    }

    @Test
    void aGroupWithoutSubcommandIsExit2() {
        assertThat(run("cron")).isEqualTo(2);
        assertThat(err()).contains("Missing command");
    }

    @Test
    void anInvalidCronWorkflowIsRefusedWithArgosWordsBeforeAnyCluster() throws IOException {
        Path file = Files.writeString(dir.resolve("cron.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: CronWorkflow
                metadata: {name: bad}
                spec:
                  schedules: ["61 * * * *"]
                  workflowSpec: {entrypoint: main, templates: [{name: main, container: {image: a}}]}
                """);
        assertThat(run("cron", "create", file.toString())).isEqualTo(2);
        assertThat(err()).contains("cron schedule 61 * * * * is malformed", "nothing was created");
    }

    @Test
    void aCronWorkflowWhoseWorkflowSpecArgoRejectsIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("cron.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: CronWorkflow
                metadata: {name: bad}
                spec:
                  schedules: ["* * * * *"]
                  workflowSpec: {entrypoint: nope, templates: [{name: main, container: {image: a}}]}
                """);
        assertThat(run("cron", "create", file.toString())).isEqualTo(2);
        assertThat(err()).contains("nope");
    }

    @Test
    void aFileWithoutTheKindIsExit2() throws IOException {
        Path file = Files.writeString(dir.resolve("wf.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: w}
                spec: {entrypoint: main, templates: [{name: main, container: {image: a}}]}
                """);
        assertThat(run("template", "create", file.toString())).isEqualTo(2);
        assertThat(err()).contains("skipping Workflow", "no WorkflowTemplate found");
    }

    @Test
    void submitFromRefusesMalformedIdentifiersUnknownKindsAndAFileTooAsExit2() throws IOException {
        assertThat(run("submit", "--from", "workflowtemplate")).isEqualTo(2);
        assertThat(err()).contains("resource identifier is malformed. Should be `kind/name`");
        assertThat(run("submit", "--from", "pod/x")).isEqualTo(2);
        assertThat(err()).contains("Resource kind 'pod' is not supported for submitting");
        Path file = Files.writeString(dir.resolve("wf.yaml"), "kind: Workflow\n");
        assertThat(run("submit", file.toString(), "--from", "cronwf/x")).isEqualTo(2);
        assertThat(err()).contains("cannot combine --from with a file argument");
        assertThat(run("submit")).isEqualTo(2);
        assertThat(err()).contains("give a workflow FILE, or --from KIND/NAME");
    }

    @Test
    void aWorkflowFromATemplateIsArgosNewWorkflowFromWorkflowTemplate() {
        assertThat(SubmitFrom.fromTemplate(false, "greet").toString()).isEqualTo("{\"apiVersion\":"
                + "\"argoproj.io/v1alpha1\",\"kind\":\"Workflow\",\"metadata\":{\"generateName\":\"greet-\",\"labels\":"
                + "{\"workflows.argoproj.io/workflow-template\":\"greet\"}},\"spec\":{\"workflowTemplateRef\":"
                + "{\"name\":\"greet\"}}}");
        assertThat(SubmitFrom.fromTemplate(true, "g").path("spec").path("workflowTemplateRef").path("clusterScope")
                .asBoolean()).isTrue();
        assertThat(SubmitFrom.parse("CronWorkflow/n").kind()).isEqualTo(ArgoKind.CRON_WORKFLOW);
        assertThat(SubmitFrom.parse("cwft/n").kind()).isEqualTo(ArgoKind.CLUSTER_WORKFLOW_TEMPLATE);
        assertThat(SubmitFrom.parse("workflowtemplates/n").kind()).isEqualTo(ArgoKind.WORKFLOW_TEMPLATE);
    }
}
