package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any document that reads as a Workflow must reconcile to an end without an exception. */
class RobustnessTest {

    private static final String BASE = """
            metadata: {name: fuzz}
            spec:
              entrypoint: main
              onExit: exit
              arguments: {parameters: [{name: p, value: "1"}]}
              templates:
                - name: main
                  steps:
                    - - {name: a, template: echo, arguments: {parameters: [{name: m, value: "{{workflow.parameters.p}}"}]}}
                    - - {name: b, template: dag, when: "{{steps.a.outputs.result}} == 1"}
                      - {name: c, template: echo, withItems: [x, y], arguments: {parameters: [{name: m, value: "{{item}}"}]}}
                - name: dag
                  retryStrategy: {limit: 1}
                  dag:
                    tasks:
                      - {name: d1, template: echo, arguments: {parameters: [{name: m, value: "d1"}]}}
                      - {name: d2, template: echo, depends: "d1.Succeeded || d1.Failed",
                         arguments: {parameters: [{name: m, value: "{{tasks.d1.outputs.result}}"}]}}
                - name: echo
                  inputs: {parameters: [{name: m, default: "?"}]}
                  container: {image: alpine, args: ["{{inputs.parameters.m}}"]}
                  outputs: {parameters: [{name: o, valueFrom: {path: /o, default: "0"}}]}
                - name: exit
                  suspend: {duration: "1"}
            """;

    private static final List<JsonNode> JUNK = List.of(JsonNodeFactory.instance.textNode("{{steps.zz.outputs}}"),
            JsonNodeFactory.instance.textNode("{{=1/0}}"), JsonNodeFactory.instance.numberNode(-3),
            JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.nullNode(),
            JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.arrayNode(),
            JsonNodeFactory.instance.textNode("main"), JsonNodeFactory.instance.textNode("a"),
            JsonNodeFactory.instance.textNode("[1,2"), JsonNodeFactory.instance.textNode("1h"));

    @Test
    void mutatedWorkflowsNeverCrashTheReconciler() throws Exception {
        ObjectNode base = (ObjectNode) com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder().build().readTree(BASE);
        Random random = new Random(Long.getLong("skiff.fuzz.seed", 42));
        int ran = 0;
        for (int i = 0; i < Integer.getInteger("skiff.fuzz.count", 100); i++) {
            ObjectNode doc = base.deepCopy();
            for (int m = 0; m < 1 + random.nextInt(3); m++) {
                mutate(doc, random);
            }
            String yaml = doc.toString();
            try {
                WorkflowAdmission.admit(WorkflowCodec.read(yaml, "fuzz.yaml"), Map.of(), TestingRun.T0, random);
            } catch (WorkflowFormatException e) {
                continue;
            }
            TestingSteps steps = new TestingSteps().on("echo", r -> random.nextBoolean()
                    ? TestingSteps.Behaviour.ok("1") : TestingSteps.Behaviour.exit(1));
            try {
                TestingRun run = TestingRun.run(yaml, steps);
                assertThat(run.phase().isDone()).isTrue();
                assertThat(run.status.message()).as(yaml).doesNotStartWith("internal error");
                ran++;
            } catch (AssertionError e) {
                if (!String.valueOf(e.getMessage()).startsWith("workflow is stuck")) {
                    throw new AssertionError("mutant " + i + " failed: " + yaml, e);
                }
            } catch (RuntimeException e) {
                throw new AssertionError("mutant " + i + " crashed the reconciler: " + yaml, e);
            }
        }
        assertThat(ran).isGreaterThan(30);
    }

    private static void mutate(JsonNode root, Random random) {
        List<JsonNode[]> slots = new ArrayList<>();
        collect(root, slots);
        JsonNode[] slot = slots.get(random.nextInt(slots.size()));
        JsonNode junk = JUNK.get(random.nextInt(JUNK.size())).deepCopy();
        if (slot[0] instanceof ObjectNode parent) {
            String field = slot[1].textValue();
            if (random.nextInt(4) == 0) {
                parent.remove(field);
            } else {
                parent.set(field, junk);
            }
        } else if (slot[0] instanceof ArrayNode parent) {
            int index = slot[1].intValue();
            if (random.nextInt(4) == 0 && parent.size() > 1) {
                parent.remove(index);
            } else {
                parent.set(index, junk);
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode[]> slots) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                slots.add(new JsonNode[] {object, JsonNodeFactory.instance.textNode(e.getKey())});
                collect(e.getValue(), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new JsonNode[] {array, JsonNodeFactory.instance.numberNode(i)});
                collect(array.get(i), slots);
            }
        }
    }
}
