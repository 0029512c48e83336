package dev.skiff.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.skiff.engine.model.WorkflowCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowLinterTest {

    private static List<LintProblem> lint(String yaml) {
        return lint(yaml, Map.of());
    }

    private static List<LintProblem> lint(String yaml, Map<String, String> params) {
        return WorkflowLinter.lint(WorkflowCodec.read(yaml, "t.yaml"), params);
    }

    private static List<String> messages(List<LintProblem> problems) {
        return problems.stream().map(LintProblem::message).toList();
    }

    @Test
    void aValidWorkflowHasNoProblems() {
        assertThat(lint("""
                metadata: {generateName: ok-}
                spec:
                  entrypoint: main
                  arguments: {parameters: [{name: who, value: world}]}
                  templates:
                    - name: main
                      steps:
                        - - {name: a, template: echo, arguments: {parameters: [{name: m, value: "{{workflow.parameters.who}}"}]}}
                        - - {name: b, template: echo, arguments: {parameters: [{name: m, value: "{{steps.a.outputs.result}}"}]}}
                          - {name: c, template: echo, withItems: [1, 2], arguments: {parameters: [{name: m, value: "{{item}}"}]}}
                    - name: echo
                      inputs: {parameters: [{name: m}]}
                      container: {image: alpine, args: ["{{inputs.parameters.m}}", "{{=sprig.upper(inputs.parameters.m)}}"]}
                """)).isEmpty();
    }

    @Test
    void unknownTemplatesAreReportedWithTheirTemplateAndAHint() {
        List<LintProblem> problems = lint("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: a, template: nope}]]
                """);
        assertThat(problems).extracting(LintProblem::template).containsExactly("main");
        assertThat(messages(problems)).containsExactly("templates.main.steps[0].a template name 'nope' undefined");
        assertThat(problems.getFirst().hint()).contains("nope");
        assertThat(messages(lint("""
                spec:
                  entrypoint: mian
                  templates: [{name: main, container: {image: alpine}}]
                """))).containsExactly("template name 'mian' undefined");
    }

    @Test
    void unsupportedFeaturesAreOnlyReportedForTemplatesTheWorkflowCanReach() {
        assertThat(lint("""
                spec:
                  entrypoint: main
                  templates:
                    - {name: main, container: {image: alpine}}
                    - {name: unused, resource: {action: create, manifest: x}}
                """)).isEmpty();
    }

    @Test
    void dagDependencyProblemsAreWordedAsArgosSortingReportsThem() {
        // validateDAG sorts the tasks first (util/sorting/topological_sorting.go), so a cycle or an unknown
        // task in depends surfaces as a sorting failure before any per-task check.
        List<LintProblem> cycle = lint("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: A, template: echo, depends: "C"}
                          - {name: B, template: echo, depends: "A"}
                          - {name: C, template: echo, depends: "B"}
                    - name: echo
                      container: {image: alpine}
                """);
        assertThat(cycle.getFirst().message()).isEqualTo("templates.main sorting failed: graph with cycle");
        assertThat(cycle.getFirst().hint()).contains("A->C->B->A");
        assertThat(messages(lint("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: A, template: echo}
                          - {name: B, template: echo, depends: "A && ghost.Succeeded"}
                          - {name: D, template: echo, depends: "A.Bogus"}
                    - name: echo
                      container: {image: alpine}
                """))).startsWith("templates.main sorting failed: invalid dependency ghost")
                .contains("templates.main.tasks.D task result 'Bogus' for task 'A' is invalid");
        assertThat(messages(lint("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag: {tasks: [{name: A, template: echo}, {name: A, template: echo}]}
                    - name: echo
                      container: {image: alpine}
                """))).first().isEqualTo("templates.main sorting failed: duplicated nodeName A");
    }

    @Test
    void missingParametersAreReportedInArgosWordsAndOrder() {
        // The callee is validated before the caller's arguments are checked against it, and Argo wraps a
        // callee's problem with the path of the step that called it.
        List<String> messages = messages(lint("""
                spec:
                  entrypoint: main
                  arguments: {parameters: [{name: needed}]}
                  templates:
                    - name: main
                      steps: [[{name: a, template: echo}]]
                    - name: echo
                      inputs: {parameters: [{name: m}]}
                      container: {image: alpine, args: ["{{inputs.parameters.typo}}"]}
                """));
        assertThat(messages).containsExactly(
                "spec.arguments.needed.value or spec.arguments.needed.valueFrom is required",
                "templates.main.steps[0].a templates.echo: failed to resolve {{inputs.parameters.typo}}",
                "templates.main.steps[0].a templates.echo inputs.parameters.m was not supplied");
        assertThat(lint("""
                spec:
                  entrypoint: main
                  arguments: {parameters: [{name: needed}]}
                  templates: [{name: main, container: {image: alpine}}]
                """, Map.of("needed", "given"))).isEmpty();
    }

    @Test
    void enumViolationsAreReportedIncludingOverrides() {
        String yaml = """
                spec:
                  entrypoint: main
                  arguments: {parameters: [{name: env, value: dev, enum: [dev, prod]}]}
                  templates: [{name: main, container: {image: alpine}}]
                """;
        assertThat(lint(yaml)).isEmpty();
        assertThat(messages(lint(yaml, Map.of("env", "test"))))
                .containsExactly("spec.arguments.env.value should be present in spec.arguments.env.enum list");
    }

    @Test
    void unparsableExpressionsAreReported() {
        List<LintProblem> problems = lint("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      retryStrategy: {expression: "lastRetry.status =="}
                      container: {image: alpine, args: ["{{=1 +* 2}}"]}
                """);
        assertThat(messages(problems)).anySatisfy(m -> assertThat(m).startsWith("expression {{=1 +* 2}} cannot be parsed"));
        assertThat(messages(problems)).anySatisfy(m ->
                assertThat(m).startsWith("templates.main.retryStrategy.expression cannot be parsed"));
    }

    @Test
    void referencesToLaterStepsOrNonDependenciesAreReported() {
        List<String> messages = messages(lint("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: a, template: echo, arguments: {parameters: [{name: m, value: "{{steps.b.outputs.result}}"}]}}
                        - - {name: b, template: echo, arguments: {parameters: [{name: m, value: "x"}]}}
                          - {name: c, template: dag}
                    - name: dag
                      dag:
                        tasks:
                          - {name: x, template: echo, arguments: {parameters: [{name: m, value: "{{tasks.y.outputs.result}}"}]}}
                          - {name: y, template: echo, arguments: {parameters: [{name: m, value: "x is {{tasks.x.status}}"}]}}
                    - name: echo
                      inputs: {parameters: [{name: m}]}
                      container: {image: alpine}
                """));
        // A step's text is checked against the steps before it (validateSteps); a task's outputs are in scope
        // for every task, but an argument naming a task must name an ancestor, and .status needs one too.
        assertThat(messages).containsExactly(
                "templates.main.steps failed to resolve {{steps.b.outputs.result}}",
                "templates.main.steps[1].c templates.dag.tasks.x missing dependency 'y' for parameter 'm'",
                "templates.main.steps[1].c templates.dag.tasks.y failed to resolve {{tasks.x.status}}");
    }

    @Test
    void unsupportedFeaturesSaySo() {
        List<String> messages = messages(lint("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: a, template: k8s}], [{name: b, template: k8s}]]
                    - name: k8s
                      resource: {action: create, manifest: "kind: ConfigMap"}
                      memoize: {key: k, cache: {configMap: {name: c}}}
                """));
        assertThat(messages).contains("resource templates are not supported by Skiff's local runner yet: Argo's"
                        + " executor creates, patches or deletes the manifest's object in the cluster it runs in, and a"
                        + " local run has none",
                "templates.k8s.memoize is not supported by Skiff yet: the step would run every time instead of reusing"
                        + " a cached result");
    }

    @Test
    void skiffOnlyProblemsAreToldApartFromWhatArgoRejects() {
        List<LintProblem> problems = lint("""
                metadata: {name: kinds}
                spec:
                  entrypoint: main
                  suspend: true
                  templates:
                    - name: main
                      daemon: true
                      steps: [[{name: a, template: nope}, {name: b, template: main}]]
                """);
        assertThat(problems).extracting(LintProblem::message, LintProblem::kind).containsExactlyInAnyOrder(
                tuple("spec.suspend is not supported by Skiff's local runner yet: nothing could resume the workflow", ProblemKind.UNSUPPORTED),
                tuple("daemon templates are not supported by Skiff's local runner yet: the local runner does not"
                        + " keep a step running beside the steps after it", ProblemKind.UNSUPPORTED),
                tuple("templates.main.steps[0].a template name 'nope' undefined",
                        ProblemKind.INVALID));
    }

    @Test
    void anUnknownDagDependencyIsReportedOnceAndUnderItsOwnTemplate() {
        List<LintProblem> problems = lint("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: a, template: say, depends: nope}
                          - {name: b, template: inner}
                    - name: inner
                      dag:
                        tasks:
                          - {name: c, template: say, dependencies: [zzz, yyy]}
                    - name: say
                      container: {image: alpine}
                """);
        assertThat(problems).extracting(LintProblem::template, LintProblem::message).containsExactly(
                tuple("main", "templates.main sorting failed: invalid dependency nope"),
                tuple("inner", "templates.main.tasks.b templates.inner sorting failed: invalid dependency zzz"),
                tuple("inner", "templates.main.tasks.b templates.inner.tasks.c dependency 'yyy' not defined"));
    }

    @Test
    void aMissingArgumentIsTheCallersProblem() {
        // The message is Argo's (the callee's input, wrapped with the calling step); the template to fix is main.
        assertThat(lint("""
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: a, template: say}]]
                    - name: say
                      inputs: {parameters: [{name: t}]}
                      container: {image: alpine}
                """)).extracting(LintProblem::template, LintProblem::message).containsExactly(
                tuple("main", "templates.main.steps[0].a templates.say inputs.parameters.t was not supplied"));
    }

    @Test
    void anExitHandlerMayUseGlobalArtifactsNamedByAParameterAsArgosValidatorAllows() {
        // Argo's test/e2e/testdata/exit-handler-parameterized-global-artifacts.yaml, which Argo's e2e test
        // TestExitHandlerWithParameterizedGlobalArtifacts expects to succeed: validate.go lets an exit handler
        // refer to any workflow.outputs.artifacts.* once some output artifact has a parameterised globalName.
        assertThat(lint("""
                metadata: {generateName: exit-handler-with-artifacts-}
                spec:
                  onExit: exit-handler
                  entrypoint: main
                  arguments:
                    parameters:
                    - name: params
                      value: '[{"variable": "car"}, {"variable": "bike"}]'
                  templates:
                    - name: main
                      steps:
                        - - name: step-1
                            template: output
                            arguments: {parameters: [{name: variable, value: "{{item.variable}}"}]}
                            withParam: "{{workflow.parameters.params}}"
                    - name: output
                      inputs: {parameters: [{name: variable}]}
                      script:
                        image: argoproj/argosay:v2
                        command: [sh, -c]
                        args: ["echo Have {{inputs.parameters.variable}} > /result.txt; cat /result.txt"]
                      outputs:
                        artifacts:
                          - name: result-{{inputs.parameters.variable}}
                            path: /result.txt
                            globalName: output-result-{{inputs.parameters.variable}}
                    - name: printer
                      inputs:
                        artifacts: [{name: message-bike, path: /tmp/message-bike}, {name: message-car, path: /tmp/message-car}]
                      container: {image: argoproj/argosay:v2, command: [sh, -c], args: ["cat /tmp/message*"]}
                    - name: exit-handler
                      steps:
                        - - name: printer
                            template: printer
                            arguments:
                              artifacts:
                              - {name: message-car, from: "{{workflow.outputs.artifacts.output-result-car}}"}
                              - {name: message-bike, from: "{{workflow.outputs.artifacts.output-result-bike}}"}
                """)).isEmpty();
    }
}
