package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.WorkflowPhase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

    private static final String GLOBAL = """
            metadata: {name: global}
            spec:
              entrypoint: main
              arguments:
                parameters:
                  - {name: message, value: hello}
                  - {name: color, value: red, enum: [red, blue]}
              templates:
                - name: main
                  inputs:
                    parameters:
                      - {name: message}
                      - {name: suffix, default: "!"}
                  container:
                    image: alpine
                    args: ["{{inputs.parameters.message}}{{inputs.parameters.suffix}} {{workflow.parameters.color}} {{workflow.name}} {{pod.name}}"]
            """;

    @Test
    void workflowArgumentsOverridesAndDefaultsReachTheTemplate() {
        Map<String, String> overrides = new java.util.LinkedHashMap<>();
        overrides.put("message", "hi");
        overrides.put("color", "blue");
        TestingRun run = TestingRun.run(GLOBAL, new TestingSteps(), overrides, List.of());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.started.getFirst().command().args()).containsExactly("hi! blue global global");
        NodeStatus root = run.nodeByName("global");
        List<Parameter> inputs = root.inputs().orElseThrow().parameters();
        assertThat(inputs).extracting(p -> p.value().orElseThrow()).containsExactly("hi", "!");
        assertThat(inputs.get(1).defaultValue()).contains("!");
        // Overridden parameters come first, as argo submit -p puts them; other fields such as enum stay.
        List<Parameter> args = run.workflow.spec().arguments().parameters();
        assertThat(args).extracting(Parameter::name).containsExactly("message", "color");
        assertThat(args.get(1).enumValues()).containsExactly("red", "blue");
    }

    @Test
    void missingInputOfTheEntryTemplateErrorsTheWorkflow() {
        TestingRun run = TestingRun.run("""
                metadata: {name: missing}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      inputs: {parameters: [{name: x}]}
                      container: {image: alpine}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.ERROR);
        assertThat(run.status.message()).isEqualTo("error in entry template execution: inputs.parameters.x was not supplied");
        NodeStatus root = run.nodeByName("missing");
        assertThat(root.type()).isEqualTo(NodeType.SKIPPED);
        assertThat(root.phase()).isEqualTo(NodePhase.ERROR);
        assertThat(run.started).isEmpty();
    }

    @Test
    void missingInputOfAStepErrorsItsGroup() {
        TestingRun run = TestingRun.run("""
                metadata: {name: missing2}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: s, template: needs}]]
                    - name: needs
                      inputs: {parameters: [{name: x}]}
                      container: {image: alpine}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.FAILED);
        NodeStatus s = run.node("s");
        assertThat(s.phase()).isEqualTo(NodePhase.ERROR);
        assertThat(s.message()).isEqualTo("inputs.parameters.x was not supplied");
        assertThat(run.status.message()).isEqualTo("step group deemed errored due to child missing2[0].s error: "
                + "inputs.parameters.x was not supplied");
    }

    @Test
    void unknownTemplateErrorsTheStep() {
        TestingRun run = TestingRun.run("""
                metadata: {name: unknown}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: s, template: nope}]]
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.node("s").message()).isEqualTo("template nope not found");
        assertThat(run.node("s").type()).isEqualTo(NodeType.SKIPPED);
    }

    @Test
    void stepsTemplateOutputsAndGlobalOutputs() {
        TestingRun run = TestingRun.run("""
                metadata: {name: outs}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: gen, template: gen}]]
                      outputs:
                        parameters:
                          - name: result
                            globalName: final
                            valueFrom: {parameter: "{{steps.gen.outputs.parameters.p}}"}
                          - name: fallback
                            valueFrom: {parameter: "{{steps.gen.outputs.parameters.nope}}", default: dflt}
                          - name: computed
                            valueFrom: {expression: "steps.gen.outputs.parameters.p + '!'"}
                    - name: gen
                      container: {image: alpine}
                      outputs: {parameters: [{name: p, valueFrom: {path: /p}}]}
                """, new TestingSteps().on("gen", TestingSteps.Behaviour.ok("").withOutput("p", "v")));
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        NodeStatus root = run.nodeByName("outs");
        assertThat(run.param(root, "result")).isEqualTo("v");
        assertThat(run.param(root, "fallback")).isEqualTo("dflt");
        assertThat(run.param(root, "computed")).isEqualTo("v!");
        assertThat(root.outputs().orElseThrow().parameter("result").orElseThrow().valueFrom()).isEmpty();
        assertThat(run.status.outputs().orElseThrow().parameters()).extracting(Parameter::name).containsExactly("final");
    }

    @Test
    void templateDefaultsApplyUnlessTheTemplateSetsTheField() {
        TestingRun run = TestingRun.run("""
                metadata: {name: defaults}
                spec:
                  entrypoint: main
                  templateDefaults:
                    retryStrategy: {limit: 1}
                    container: {env: [{name: FROM_DEFAULTS, value: "yes"}], workingDir: /w}
                  templates:
                    - name: main
                      container: {image: alpine, workingDir: /mine}
                """, new TestingSteps().on("main", TestingSteps.Behaviour.exit(1)));
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.nodeByName("defaults").type()).isEqualTo(NodeType.RETRY);
        assertThat(run.started).hasSize(2);
        assertThat(run.started.getFirst().command().env()).containsEntry("FROM_DEFAULTS", "yes");
        assertThat(run.started.getFirst().command().workingDir()).contains("/mine");
    }

    @Test
    void missingOutputFileErrorsThePodAsArgosWaitContainerDoes() {
        // Argo's executor (SaveParameters) fails the wait container with exit code 64 and this message.
        TestingRun run = TestingRun.run("""
                metadata: {name: nofile}
                spec:
                  entrypoint: produce
                  templates:
                    - name: produce
                      container: {image: alpine}
                      outputs: {parameters: [{name: missing, valueFrom: {path: /tmp/missing.txt}}]}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.ERROR);
        NodeStatus node = run.nodeByName("nofile");
        assertThat(node.message()).isEqualTo("wait: Error (exit code 64): open "
                + "/var/run/argo/outputs/parameters/tmp/missing.txt: no such file or directory");
        assertThat(node.outputs().orElseThrow().parameters()).extracting(Parameter::name).containsExactly("missing");
        assertThat(node.outputs().orElseThrow().parameters().getFirst().value()).isEmpty();
        assertThat(run.status.message()).isEqualTo(node.message());
    }

    @Test
    void rejectedWorkflowLooksLikeArgosInvalidSpec() {
        var wf = WorkflowAdmission.admit(dev.skiff.engine.model.WorkflowCodec.read(GLOBAL, "g.yaml"), Map.of(),
                TestingRun.T0, new java.util.Random(1));
        var rejected = WorkflowAdmission.reject(wf, "spec.entrypoint is required", TestingRun.T0);
        var status = rejected.status().orElseThrow();
        assertThat(status.phase()).isEqualTo(WorkflowPhase.FAILED);
        assertThat(status.message()).isEqualTo("invalid spec: spec.entrypoint is required");
        assertThat(status.nodes()).isEmpty();
        assertThat(status.progress()).isEqualTo("0/0");
        assertThat(rejected.labels()).containsEntry("workflows.argoproj.io/completed", "true");
    }
}
