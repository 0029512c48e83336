package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skiff template}, {@code skiff cluster-template}, {@code skiff cron} and {@code skiff submit --from} against a
 * real kube-apiserver with the distribution's CRDs: the objects land as Argo's CLI creates them.
 */
@Testbed
class TemplateAndCronCommandsIT {

    private static final String TEMPLATES = """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: greet}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: who, value: world}]}
              templates:
                - name: main
                  container: {image: alpine, command: [echo, "{{workflow.parameters.who}}"]}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: skipped}
            spec: {entrypoint: main, templates: [{name: main, container: {image: alpine}}]}
            """;

    private static final String CRON = """
            apiVersion: argoproj.io/v1alpha1
            kind: CronWorkflow
            metadata: {name: nightly, labels: {team: blue}}
            spec:
              schedules: ["0 2 * * *"]
              timezone: Europe/Paris
              concurrencyPolicy: Forbid
              workflowMetadata: {labels: {kind: nightly}}
              workflowSpec:
                entrypoint: main
                templates:
                  - name: main
                    container: {image: alpine, command: [echo, hi]}
            """;

    @TempDir
    Path dir;

    private TestingClusterCli cli;

    @BeforeEach
    void setUp(TestbedCluster hub) throws IOException {
        cli = new TestingClusterCli(hub, dir);
    }

    @Test
    void templatesAreCreatedListedShownSubmittedFromAndDeleted(TestNamespace ns) throws IOException {
        Path file = Files.writeString(dir.resolve("templates.yaml"), TEMPLATES);

        var create = cli.run("template", "create", file.toString(), "-n", ns.name());
        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).containsPattern("(?m)^Name: +greet$").containsPattern("(?m)^Namespace: +" + ns.name());
        assertThat(create.err()).contains("skipping Workflow");
        assertThat(cli.get(ns.name(), "workflowtemplate", "greet").path("spec").path("entrypoint").asText())
                .isEqualTo("main");

        var list = cli.run("template", "list", "-n", ns.name());
        assertThat(list.out()).isEqualTo("NAME\ngreet\n");
        var get = cli.run("template", "get", "greet", "-n", ns.name(), "-o", "json");
        assertThat(TestingClusterCli.parse(get.out()).path("kind").asText()).isEqualTo("WorkflowTemplate");

        var submit = cli.run("submit", "--from", "workflowtemplate/greet", "-n", ns.name(), "-p", "who=skiff",
                "-o", "json");
        assertThat(submit.exit()).as(submit.err()).isZero();
        ObjectNode wf = cli.get(ns.name(), TestingClusterCli.parse(submit.out()).path("metadata").path("name")
                .asText());
        assertThat(wf.path("metadata").path("name").asText()).startsWith("greet-");
        assertThat(wf.path("metadata").path("labels").path("workflows.argoproj.io/workflow-template").asText())
                .isEqualTo("greet");
        assertThat(wf.path("spec").path("workflowTemplateRef").path("name").asText()).isEqualTo("greet");
        assertThat(wf.path("spec").path("arguments").path("parameters").toString())
                .isEqualTo("[{\"name\":\"who\",\"value\":\"skiff\"}]");

        var missing = cli.run("submit", "--from", "wftmpl/nope", "-n", ns.name());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("workflowtemplates.argoproj.io \"nope\" not found");

        var delete = cli.run("template", "delete", "greet", "-n", ns.name());
        assertThat(delete.out()).isEqualTo("WorkflowTemplate 'greet' deleted\n");
        assertThat(cli.run("template", "get", "greet", "-n", ns.name()).exit()).isEqualTo(1);
    }

    @Test
    void clusterTemplatesAreCreatedAndSubmittedFromWithClusterScope(TestNamespace ns) throws IOException {
        String name = "greet-" + ns.name();
        Path file = Files.writeString(dir.resolve("cluster.yaml"), TEMPLATES.replace("kind: WorkflowTemplate",
                "kind: ClusterWorkflowTemplate").replace("name: greet}", "name: " + name + "}"));
        try {
            var create = cli.run("cluster-template", "create", file.toString());
            assertThat(create.exit()).as(create.err()).isZero();
            assertThat(cli.run("cluster-template", "list").out()).contains("\n" + name + "\n");

            var submit = cli.run("submit", "--from", "cwftmpl/" + name, "-n", ns.name(), "-o", "json");
            assertThat(submit.exit()).as(submit.err()).isZero();
            JsonNode spec = TestingClusterCli.parse(submit.out()).path("spec");
            assertThat(spec.path("workflowTemplateRef").path("clusterScope").asBoolean()).isTrue();
        } finally {
            assertThat(cli.run("cluster-template", "delete", name).out())
                    .isEqualTo("ClusterWorkflowTemplate '" + name + "' deleted\n");
        }
    }

    @Test
    void cronWorkflowsAreCreatedShownSuspendedResumedSubmittedFromAndDeleted(TestNamespace ns) throws IOException {
        Path file = Files.writeString(dir.resolve("cron.yaml"), CRON);

        var create = cli.run("cron", "create", file.toString(), "-n", ns.name());
        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).containsPattern("(?m)^Schedules: +0 2 \\* \\* \\*$")
                .containsPattern("(?m)^ConcurrencyPolicy: +Forbid$").containsPattern("(?m)^NextScheduledTime: +");
        ObjectNode cron = cli.get(ns.name(), "cronworkflow", "nightly");

        var list = cli.run("cron", "list", "-n", ns.name());
        assertThat(list.out()).startsWith("NAME ").contains("LAST RUN", "NEXT RUN", "SUSPENDED")
                .containsPattern("(?m)^nightly +\\d+s +N/A +\\d+[smhd] +0 2 \\* \\* \\* +Europe/Paris +false$");

        assertThat(cli.run("cron", "suspend", "nightly", "-n", ns.name()).out())
                .isEqualTo("CronWorkflow 'nightly' suspended\n");
        assertThat(cli.get(ns.name(), "cronworkflow", "nightly").path("spec").path("suspend").asBoolean()).isTrue();
        assertThat(cli.run("cron", "resume", "nightly", "-n", ns.name()).out())
                .isEqualTo("CronWorkflow 'nightly' resumed\n");
        assertThat(cli.get(ns.name(), "cronworkflow", "nightly").path("spec").path("suspend").asBoolean()).isFalse();

        var submit = cli.run("submit", "--from", "cronwf/nightly", "-n", ns.name(), "-o", "json");
        assertThat(submit.exit()).as(submit.err()).isZero();
        JsonNode wf = TestingClusterCli.parse(submit.out());
        JsonNode metadata = wf.path("metadata");
        assertThat(metadata.path("name").asText()).startsWith("nightly-");
        assertThat(metadata.path("labels").path("workflows.argoproj.io/cron-workflow").asText()).isEqualTo("nightly");
        assertThat(metadata.path("labels").path("kind").asText()).isEqualTo("nightly");
        assertThat(metadata.path("annotations").has("workflows.argoproj.io/scheduled-time")).isTrue();
        assertThat(metadata.path("ownerReferences").get(0).path("uid")).isEqualTo(cron.path("metadata").path("uid"));
        assertThat(metadata.path("ownerReferences").get(0).path("kind").asText()).isEqualTo("CronWorkflow");

        assertThat(cli.run("cron", "delete", "nightly", "-n", ns.name()).out())
                .isEqualTo("CronWorkflow 'nightly' deleted\n");
        var gone = cli.run("cron", "get", "nightly", "-n", ns.name());
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("cronworkflows.argoproj.io \"nightly\" not found");
    }
}
