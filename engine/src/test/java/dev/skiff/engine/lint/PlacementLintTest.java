package dev.skiff.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.WorkflowCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code skiff lint} and Skiff's {@code cluster}/{@code namespace} template fields. */
class PlacementLintTest {

    private static List<String> lint(String templates, ExecutionProfile profile) {
        return WorkflowLinter.lint(WorkflowCodec.read("""
                metadata: {name: p}
                spec:
                  entrypoint: main
                  arguments: {parameters: [{name: c, value: spoke1}]}
                  templates:
                """ + templates.indent(4), "t.yaml"), Map.of(), profile).stream().map(LintProblem::message).toList();
    }

    private static final String PLACED = """
            - name: main
              cluster: spoke1
              namespace: team-a
              steps: [[{name: a, template: leaf}]]
            - name: leaf
              cluster: "{{workflow.parameters.c}}"
              container: {image: alpine}
            """;

    @Test
    void validFieldsAndExpressionsPassForTheController() {
        assertThat(lint(PLACED, ExecutionProfile.CLUSTER)).isEmpty();
    }

    @Test
    void theLocalRunnerRefusesEachPlacedTemplateSayingWhy() {
        assertThat(lint(PLACED, ExecutionProfile.LOCAL)).containsExactly(
                "templates.main.cluster/namespace is not supported by Skiff's local runner: its steps run as processes"
                        + " on this machine, not in a cluster or namespace",
                "templates.leaf.cluster/namespace is not supported by Skiff's local runner: its steps run as processes"
                        + " on this machine, not in a cluster or namespace");
    }

    @Test
    void literalNamesAreCheckedAndOtherShapesRefused() {
        assertThat(lint("""
                - name: main
                  cluster: ../secrets
                  namespace: Kube_System
                  steps: [[{name: a, template: leaf}, {name: b, template: wait}]]
                - name: leaf
                  namespace: {name: x}
                  container: {image: alpine}
                - name: wait
                  cluster: spoke1
                  suspend: {}
                """, ExecutionProfile.CLUSTER)).containsExactly(
                "templates.main.cluster: cluster '../secrets' is not a valid cluster name: use lower-case letters,"
                        + " digits, '-' and '.', starting and ending with a letter or digit (at most 253 characters)",
                "templates.main.namespace: namespace 'Kube_System' is not a valid namespace name: a DNS-1123 label"
                        + " (lower-case letters, digits and '-', starting and ending with a letter or digit, at most"
                        + " 63 characters)",
                "templates.leaf.namespace must be a string",
                "templates.wait.cluster is only read on container, script, steps and dag templates");
    }
}
