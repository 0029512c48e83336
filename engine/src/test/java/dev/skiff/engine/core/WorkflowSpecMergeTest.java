package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.WorkflowCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Argo's {@code JoinWorkflowSpec} (workflow/util/merge.go). The expectations were checked against Argo v4.1.2's own
 * function run on the same two specs (apart from the empty structs Go prints, such as {@code "inputs": {}}).
 */
class WorkflowSpecMergeTest {

    private static final ObjectNode TEMPLATE = spec("""
            entrypoint: main
            onExit: bye
            suspend: true
            parallelism: 3
            arguments:
              parameters:
              - {name: a, value: from-t, enum: [from-t, x]}
              - {name: b, default: b-default}
              - {name: c, value: c-t}
              - {name: d}
            hooks:
              exit: {template: bye}
              running: {template: hi, expression: "true"}
            podMetadata: {labels: {team: t, tier: t}}
            volumes: [{name: v1, emptyDir: {}}, {name: v2, emptyDir: {}}]
            templates:
            - {name: main, container: {image: a, args: [t]}}
            - {name: bye, container: {image: a}}
            - {name: hi, container: {image: a}}
            """);

    private static final ObjectNode WORKFLOW = spec("""
            entrypoint: other
            parallelism: 1
            arguments:
              parameters:
              - {name: c, value: c-w}
              - {name: a, value: x}
              - {name: d, value: d-w}
              - {name: e, value: e-w}
            hooks:
              running: {template: bye, expression: "false"}
            podMetadata: {labels: {tier: w}}
            volumes: [{name: v2, hostPath: {path: /x}}, {name: v3, emptyDir: {}}]
            workflowTemplateRef: {name: t}
            """);

    private static ObjectNode spec(String yaml) {
        return (ObjectNode) WorkflowCodec.toTree(WorkflowCodec.read("metadata: {name: x}\nspec:\n"
                + yaml.indent(2), "s.yaml")).get("spec");
    }

    private static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.path("name").asText()));
        return out;
    }

    @Test
    void theWorkflowWinsFieldByFieldAndListsMergeByName() {
        ObjectNode merged = WorkflowSpecMerge.join(WORKFLOW, TEMPLATE);

        assertThat(merged.path("entrypoint").asText()).isEqualTo("other");
        assertThat(merged.path("onExit").asText()).isEqualTo("bye");
        assertThat(merged.path("parallelism").asInt()).isEqualTo(1);
        assertThat(names(merged.path("templates"))).containsExactly("main", "bye", "hi");
        assertThat(merged.path("workflowTemplateRef").path("name").asText()).isEqualTo("t");
        // Objects merge deeply.
        assertThat(merged.path("podMetadata").path("labels").toString()).isEqualTo("{\"team\":\"t\",\"tier\":\"w\"}");
        // Volumes merge by name (the same volume's fields merge too, as a strategic merge patch does).
        assertThat(names(merged.path("volumes"))).containsExactly("v1", "v2", "v3");
        assertThat(merged.path("volumes").get(1).has("hostPath")).isTrue();
        assertThat(merged.path("volumes").get(1).has("emptyDir")).isTrue();
    }

    @Test
    void parametersKeepStrategicMergeOrderAndAValuedOneIsTakenWhole() {
        ObjectNode merged = WorkflowSpecMerge.join(WORKFLOW, TEMPLATE);

        JsonNode params = merged.path("arguments").path("parameters");
        assertThat(names(params)).containsExactly("b", "c", "a", "d", "e");
        // a has a value in the Workflow: the Workflow's entry replaces the merged one, enum and all.
        assertThat(params.get(2).toString()).isEqualTo("{\"name\":\"a\",\"value\":\"x\"}");
        assertThat(params.get(0).toString()).isEqualTo("{\"name\":\"b\",\"default\":\"b-default\"}");
        assertThat(params.get(3).path("value").asText()).isEqualTo("d-w");
    }

    @Test
    void suspendIsTheWorkflowsAloneAndHooksAreTakenWholeTheWorkflowsFirst() {
        ObjectNode merged = WorkflowSpecMerge.join(WORKFLOW, TEMPLATE);

        assertThat(merged.has("suspend")).isFalse();
        assertThat(merged.path("hooks").path("running").toString())
                .isEqualTo("{\"template\":\"bye\",\"expression\":\"false\"}");
        assertThat(merged.path("hooks").path("exit").path("template").asText()).isEqualTo("bye");
        ObjectNode suspended = WORKFLOW.deepCopy().put("suspend", false);
        assertThat(WorkflowSpecMerge.join(suspended, TEMPLATE).path("suspend").asBoolean(true)).isFalse();
    }

    @Test
    void neitherSpecIsChanged() {
        ObjectNode workflow = WORKFLOW.deepCopy();
        ObjectNode template = TEMPLATE.deepCopy();
        WorkflowSpecMerge.join(workflow, template);
        assertThat(workflow).isEqualTo(WORKFLOW);
        assertThat(template).isEqualTo(TEMPLATE);
    }
}
