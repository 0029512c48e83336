package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.WorkflowPhase;
import org.junit.jupiter.api.Test;

/**
 * {@code {{=...}}} in step and task arguments, rendered as Argo's {@code ReplaceStrictAny} does
 * ({@code util/template/expression_template.go}, {@code expressionReplaceStrict}): an expression is left
 * as written only while a variable it uses is missing; once all are known, a failure is an error.
 */
class ExpressionArgumentsTest {

    private static final String SAY = """
                    - name: say
                      inputs: {parameters: [{name: text}]}
                      container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
                """;

    @Test
    void aFailingExpressionInStepArgumentsErrorsTheStepGroupAndFailsTheSteps() {
        TestingRun run = TestingRun.run("""
                metadata: {name: asint}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: gen, template: gen}
                        - - {name: use, template: say, arguments: {parameters: [{name: text, value: "{{=asInt(steps.gen.outputs.result) + 1}}"}]}}
                    - name: gen
                      container: {image: alpine, command: [echo, x]}
                """ + SAY, new TestingSteps().on("gen", TestingSteps.Behaviour.ok("x")));
        String message = "failed to resolve references: failed to evaluate expression: invalid operation: int(x) (1:1)\n"
                + " | asInt(steps.gen.outputs.result) + 1\n | ^";
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.status.message()).isEqualTo(message);
        NodeStatus group = run.node("[1]");
        assertThat(group.phase()).isEqualTo(NodePhase.ERROR);
        assertThat(group.message()).isEqualTo(message);
        assertThat(group.children()).isEmpty();
        assertThat(run.started).hasSize(1);
    }

    @Test
    void aFailingExpressionInTaskArgumentsMakesAnErrorSkippedNode() {
        TestingRun run = TestingRun.run("""
                metadata: {name: literal}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: first, template: say, arguments: {parameters: [{name: text, value: fine}]}}
                          - {name: second, depends: first, template: say, arguments: {parameters: [{name: text, value: "{{=asInt('x')}}"}]}}
                """ + SAY, new TestingSteps());
        run.assertPhase(WorkflowPhase.ERROR);
        NodeStatus second = run.node("second");
        assertThat(second.type()).isEqualTo(NodeType.SKIPPED);
        assertThat(second.phase()).isEqualTo(NodePhase.ERROR);
        assertThat(second.message()).isEqualTo("failed to evaluate expression: invalid operation: int(x) (1:1)\n"
                + " | asInt('x')\n | ^");
        assertThat(second.inputs()).isEmpty();
        assertThat(run.node("literal").message()).isEmpty();
    }

    @Test
    void anExpressionUsingAVariableNothingProvidesIsPassedOnAsWritten() {
        TestingRun run = TestingRun.run("""
                metadata: {name: kept}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: use, template: say, arguments: {parameters: [{name: text, value: "{{=asInt(nosuch) + 1}}"}]}}
                """ + SAY, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.node("use").inputs().orElseThrow().parameter("text").orElseThrow().value())
                .contains("{{=asInt(nosuch) + 1}}");
    }

    @Test
    void sprigFailInStepArgumentsErrorsTheStepGroupWithItsMessage() {
        // Argo's template.Replace(..., allowUnresolved=false), as resolveReferences calls it, run on
        // {{=sprig.fail("boom")}} (util/template/expression_template.go, expressionReplaceCore) returns
        // "failed to evaluate expression: boom (1:7)\n | sprig.fail(\"boom\")\n | ......^".
        TestingRun run = TestingRun.run("""
                metadata: {name: fail}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: use, template: say, arguments: {parameters: [{name: text, value: '{{=sprig.fail("boom")}}'}]}}
                """ + SAY, new TestingSteps());
        String message = "failed to resolve references: failed to evaluate expression: boom (1:7)\n"
                + " | sprig.fail(\"boom\")\n | ......^";
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.node("[0]").phase()).isEqualTo(NodePhase.ERROR);
        assertThat(run.node("[0]").message()).isEqualTo(message);
        assertThat(run.started).isEmpty();
    }

    @Test
    void aFailingExpressionInATemplatesOwnFieldsIsLeftAsWrittenAsArgoLeavesIt() {
        // Argo substitutes a template's own fields with common.SubstituteParams, which calls template.Replace
        // with allowUnresolved=true (workflow/common/util.go): a failing expression stays as written and the pod
        // runs with that text. Checked by running SubstituteParams of Argo v4.1.2 on this template.
        TestingRun run = TestingRun.run("""
                metadata: {name: body}
                spec:
                  entrypoint: say
                  templates:
                    - name: say
                      container: {image: alpine, command: [echo, '{{=sprig.fail("boom")}}', '{{=asInt("x")}}']}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.started.getFirst().command().command())
                .containsExactly("echo", "{{=sprig.fail(\"boom\")}}", "{{=asInt(\"x\")}}");
    }
}
