package dev.skiff.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.WorkflowCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The linter follows Argo's validator ({@code workflow/validate/validate.go}, v4.1.2): the same checks,
 * the same words, and the first problem is the one Argo reports after {@code invalid spec: }. Expected
 * texts were checked against Argo's own validation code run on the same workflows.
 */
class WorkflowLinterArgoOrderTest {

    private static final String ECHO = """
                    - name: echo
                      inputs: {parameters: [{name: m}]}
                      container: {image: alpine, args: ["{{inputs.parameters.m}}"]}
                """;

    private static List<String> invalid(String yaml) {
        return WorkflowLinter.lint(WorkflowCodec.read(yaml, "t.yaml"), Map.of()).stream()
                .filter(p -> p.kind() == ProblemKind.INVALID).map(LintProblem::message).toList();
    }

    @Test
    void activeDeadlineSecondsIsOnlyValidOnLeafTemplates() {
        assertThat(invalid("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      activeDeadlineSeconds: 5
                      dag: {tasks: [{name: A, template: echo, arguments: {parameters: [{name: m, value: x}]}}]}
                """ + ECHO)).containsExactly("templates.main.activeDeadlineSeconds is only valid for leaf templates");
    }

    @Test
    void timeoutOnATemplateThatIsNoLeafNamesArgosTemplateType() {
        assertThat(invalid("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      timeout: 5s
                      steps: [[{name: w, template: wait}]]
                    - name: wait
                      timeout: 5s
                      suspend: {}
                """)).containsExactly("Steps template doesn't support timeout field",
                "templates.main.steps[0].w Suspend template doesn't support timeout field");
    }

    @Test
    void itemKeysResolveOnlyWhenSomeWithItemsMapHasThem() {
        assertThat(invalid("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - name: each
                            template: echo
                            arguments: {parameters: [{name: m, value: "{{item.name}} {{item.size}} {{item.missing}}"}]}
                            withItems: [{name: a}, {size: 2}]
                        - - {name: any, template: echo, withParam: "[]", arguments: {parameters: [{name: m, value: "{{item.x}}"}]}}
                """ + ECHO)).containsExactly("templates.main.steps failed to resolve {{item.missing}}");
        assertThat(invalid("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: A, template: echo, withSequence: {count: "2"}, arguments: {parameters: [{name: m, value: "{{item.x}}"}]}}
                """ + ECHO)).containsExactly("templates.main.tasks.A failed to resolve {{item.x}}");
    }

    @Test
    void stepsAndDagTemplatesHaveNoResultAndOnlyDeclaredOutputParametersResolve() {
        assertThat(invalid("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: inner, template: inner}
                          - {name: produce, template: produce}
                        - - {name: a, template: echo, arguments: {parameters: [{name: m, value: "{{steps.produce.outputs.result}} {{steps.produce.outputs.parameters.shade}}"}]}}
                          - {name: b, template: echo, arguments: {parameters: [{name: m, value: "{{steps.produce.outputs.parameters.colour}}"}]}}
                          - {name: c, template: echo, arguments: {parameters: [{name: m, value: "{{steps.inner.outputs.result}}"}]}}
                    - name: inner
                      steps: [[{name: leaf, template: produce}]]
                    - name: produce
                      container: {image: alpine}
                      outputs: {parameters: [{name: shade, valueFrom: {path: /tmp/shade}}]}
                """ + ECHO)).containsExactly(
                "templates.main.steps failed to resolve {{steps.produce.outputs.parameters.colour}}",
                "templates.main.steps failed to resolve {{steps.inner.outputs.result}}");
    }

    @Test
    void inlineTemplatesResolveTheirInputsFromTheirOwnDeclarations() {
        assertThat(invalid("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - name: b
                            arguments: {parameters: [{name: who, value: world}]}
                            inline:
                              inputs: {parameters: [{name: who}]}
                              script: {image: python, command: [python3], source: 'print("{{inputs.parameters.who}}")'}
                    - name: dag
                      dag:
                        tasks:
                          - name: d
                            arguments: {parameters: [{name: v, value: x}]}
                            inline:
                              inputs: {parameters: [{name: v}]}
                              container: {image: alpine, command: [echo, "{{inputs.parameters.v}}"]}
                """)).isEmpty();
        assertThat(invalid("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - name: a
                            inline: {container: {image: alpine, command: ["{{inputs.parameters.z}}"]}}
                """)).first().isEqualTo("templates.main.steps[0].a templates.: failed to resolve {{inputs.parameters.z}}");
    }

    @Test
    void theFirstProblemIsTheOneArgosDepthFirstWalkMeetsFirst() {
        List<String> problems = invalid("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      container: {image: alpine, args: ["{{=1 +* 2}}"]}
                      outputs: {parameters: [{name: o}]}
                    - name: orphan
                      steps: [[{name: a, template: nested}], [{name: b, template: nope}]]
                    - name: nested
                      dag: {tasks: [{name: x, template: bad}]}
                    - name: bad
                      container: {image: alpine, command: ["{{workflow.parameters.q}}"]}
                """);
        // Argo: the entrypoint first, then every template in spec order (a never-called one included); the
        // unparsable expression is Skiff's own finding (Argo fails it only at run time), so it comes last.
        assertThat(problems).hasSize(4);
        assertThat(problems.subList(0, 3)).containsExactly(
                "templates.main.outputs.parameters.o does not have valueFrom or value specified",
                "templates.orphan templates.orphan.steps[0].a templates.nested.tasks.x templates.bad: failed to resolve "
                        + "{{workflow.parameters.q}}",
                "templates.orphan templates.orphan.steps[1].b template name 'nope' undefined");
        assertThat(problems.get(3)).startsWith("expression {{=1 +* 2}} cannot be parsed");
    }

    @Test
    void aTemplateWithoutATypeIsUnknownToArgo() {
        assertThat(invalid("""
                spec:
                  entrypoint: main
                  templates: [{name: main}]
                """)).containsExactly("template 'main' type is unknown");
    }

    @Test
    void workflowFailuresIsOnlyKnownWhileValidatingTheExitHandler() {
        assertThat(invalid("""
                spec:
                  entrypoint: main
                  onExit: bye
                  templates:
                    - name: main
                      container: {image: alpine, command: ["{{workflow.failures}}"]}
                    - name: bye
                      container: {image: alpine, command: ["{{workflow.failures}} {{workflow.status}}"]}
                """)).containsExactly("templates.main: failed to resolve {{workflow.failures}}");
    }

    @Test
    void exitHandlersMayUseGlobalOutputsOfStepsValidatedBeforeThem() {
        assertThat(invalid("""
                spec:
                  entrypoint: main
                  onExit: bye
                  templates:
                    - name: main
                      steps: [[{name: a, template: gen}]]
                    - name: gen
                      container: {image: alpine}
                      outputs: {parameters: [{name: o, globalName: g, valueFrom: {path: /tmp/o}}]}
                    - name: bye
                      container: {image: alpine, command: ["{{workflow.outputs.parameters.g}} {{workflow.outputs.parameters.h}}"]}
                """)).containsExactly("templates.bye: failed to resolve {{workflow.outputs.parameters.h}}");
    }

    @Test
    void onlyTagsUnderArgosCheckedPrefixesMustResolve() {
        // resolveAllVariables checks item., steps., inputs., outputs., pod., workflow. and tasks. only, and
        // lets a few runtime-only names through; {{item}} without a loop and {{retries}} are not checked.
        assertThat(invalid("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      container:
                        image: alpine
                        command: ["{{item}} {{retries}} {{node.name}} {{workflow.creationTimestamp.s}}", "{{workflow.nope}}"]
                """)).containsExactly("templates.main: failed to resolve {{workflow.nope}}");
    }
}
