package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The workflows of {@code examples/workflow-templates/} run through {@code bin/skiff run FILE --templates DIR
 * -o json} with the WorkflowTemplates of that directory, end Succeeded, and report templateRef nodes, stored templates
 * and the stored spec in Argo's shape.
 */
class TemplateExamplesIT {

    private static Path examples() {
        return TestingLauncher.home().resolve("examples/workflow-templates");
    }

    static Stream<String> workflows() throws IOException {
        try (Stream<Path> files = Files.list(examples())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("library.yaml")).sorted().toList().stream();
        }
    }

    private static JsonNode run(String... args) throws Exception {
        TestingLauncher.Result result = TestingLauncher.run(Map.of(), args);
        assertThat(result.exitCode()).as("exit code; stderr:%n%s%nstdout:%n%s", result.stderr(), result.stdout())
                .isZero();
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

    private static List<String> keys(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workflows")
    void theWorkflowSucceedsWithTheTemplatesOfTheDirectory(String file) throws Exception {
        JsonNode wf = run("run", examples().resolve(file).toString(), "--templates", examples().toString(), "-o",
                "json");

        assertThat(wf.path("status").path("phase").asText()).as(wf.toPrettyString()).isEqualTo("Succeeded");
        assertThat(wf.path("status").path("nodes").size()).isPositive();
    }

    @Test
    void stepsRecordTheReferenceAndTheScopeTheyWereResolvedIn() throws Exception {
        JsonNode wf = run("run", examples().resolve("steps.yaml").toString(), "--templates", examples().toString(),
                "-o", "json");
        String name = wf.path("metadata").path("name").asText();

        JsonNode hello1 = node(wf, "hello1");
        assertThat(hello1.has("templateName")).isFalse();
        assertThat(hello1.path("templateRef").toString())
                .isEqualTo("{\"name\":\"print-message\",\"template\":\"print-message\"}");
        assertThat(hello1.path("templateScope").asText()).isEqualTo("local/" + name);
        JsonNode shout = node(wf, "inner-shout");
        assertThat(shout.path("templateName").asText()).isEqualTo("shout");
        assertThat(shout.path("templateScope").asText()).isEqualTo("namespaced/inner-steps");
        assertThat(node(wf, name + ".onExit").path("templateRef").path("name").asText()).isEqualTo("print-message");
        assertThat(keys(wf.path("status").path("storedTemplates"))).containsExactly(
                "namespaced/inner-steps/inner-steps", "namespaced/inner-steps/shout",
                "namespaced/print-message/print-message");
    }

    @Test
    void aWorkflowTemplateRunsFromTheCommandLineWithParameters() throws Exception {
        JsonNode wf = run("run", "--from", "workflowtemplate/submittable", "--templates", examples().toString(), "-p",
                "message=hi", "-o", "json");

        assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
        assertThat(wf.path("metadata").path("name").asText()).startsWith("submittable-");
        JsonNode stored = wf.path("status").path("storedWorkflowTemplateSpec");
        assertThat(stored.path("entrypoint").asText()).isEqualTo("print");
        assertThat(stored.path("arguments").path("parameters").get(0).toString())
                .isEqualTo("{\"name\":\"message\",\"value\":\"hi\"}");
        JsonNode root = node(wf, wf.path("metadata").path("name").asText());
        assertThat(root.path("templateName").asText()).isEqualTo("print");
        assertThat(root.path("templateScope").asText()).isEqualTo("local/");
    }

    @Test
    void theDirectoryLintsClean() throws Exception {
        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "lint", examples().toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("library.yaml: 5 templates, no problems found");
    }
}
