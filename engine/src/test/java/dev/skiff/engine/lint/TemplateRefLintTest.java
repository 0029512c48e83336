package dev.skiff.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.core.ReconcileLimits;
import dev.skiff.engine.core.WorkflowTemplateCatalog;
import dev.skiff.engine.core.WorkflowTemplates;
import dev.skiff.engine.model.ManifestDocument;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Lint of {@code templateRef} and {@code workflowTemplateRef} and of WorkflowTemplates on their own. Every expected
 * first message was checked against Argo v4.1.2's {@code validate.Workflow} / {@code validate.WorkflowTemplate} run
 * on the same documents, with getters failing as the Kubernetes API does (NotFound), i.e. what the controller and
 * {@code argo submit} report after {@code invalid spec: }.
 */
class TemplateRefLintTest {

    private static final String LIBRARY = """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: say}
            spec:
              entrypoint: say
              arguments: {parameters: [{name: message, value: from the template}]}
              templates:
              - name: say
                inputs: {parameters: [{name: message}]}
                container: {image: busybox, command: [echo], args: ["{{inputs.parameters.message}}"]}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: noentry}
            spec:
              templates:
              - name: main
                inputs: {parameters: [{name: m}]}
                container: {image: busybox, command: [echo], args: ["{{inputs.parameters.m}} {{workflow.parameters.other}}"]}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: chain}
            spec:
              templates:
              - name: outer
                steps: [[{name: in, templateRef: {name: nope, template: t}}]]
            """;

    private static final WorkflowTemplates TEMPLATES = WorkflowTemplateCatalog.of(templates(LIBRARY));

    private static List<WorkflowTemplate> templates(String yaml) {
        return WorkflowCodec.readManifests(yaml, "lib.yaml").stream()
                .filter(d -> d instanceof ManifestDocument.TemplateDoc)
                .map(d -> ((ManifestDocument.TemplateDoc) d).template()).toList();
    }

    private static List<String> lint(String yaml) {
        return lint(yaml, Map.of());
    }

    private static List<String> lint(String yaml, Map<String, String> params) {
        Workflow wf = WorkflowCodec.read(yaml, "t.yaml");
        return WorkflowLinter.lint(wf, params, ExecutionProfile.LOCAL, ReconcileLimits.DEFAULT,
                Optional.of(TEMPLATES)).stream().map(LintProblem::message).toList();
    }

    private static List<String> lintTemplate(String yaml) {
        return WorkflowLinter.lint(templates(yaml).getFirst(), ExecutionProfile.LOCAL, ReconcileLimits.DEFAULT,
                Optional.of(TEMPLATES)).stream().map(LintProblem::message).toList();
    }

    private static String steps(String step) {
        return """
                metadata: {name: wf}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    steps: [[%s]]
                """.formatted(step);
    }

    @Test
    void aReferenceThatResolvesWithItsArgumentsHasNoProblems() {
        assertThat(lint(steps("{name: call, templateRef: {name: say, template: say},"
                + " arguments: {parameters: [{name: message, value: hi}]}}"))).isEmpty();
    }

    @Test
    void aMissingWorkflowTemplateOrTemplateIsATemplateReferenceNotFound() {
        assertThat(lint(steps("{name: call, templateRef: {name: nope, template: t}}")))
                .containsExactly("templates.main.steps[0].call template reference nope.t not found");
        assertThat(lint(steps("{name: call, templateRef: {name: say, template: nope}}")))
                .containsExactly("templates.main.steps[0].call template reference say.nope not found");
        assertThat(lint("""
                metadata: {name: wf}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    dag: {tasks: [{name: A, templateRef: {name: nope, template: t}}]}
                """)).containsExactly("templates.main.tasks.A template reference nope.t not found");
    }

    @Test
    void aReferenceNeedsANameAndATemplateAndNoTemplateBesideIt() {
        assertThat(lint(steps("{name: call, template: main, templateRef: {name: say, template: say}}")).getFirst())
                .isEqualTo("templates.main.steps[0].call template name cannot be specified with templateRef");
        assertThat(lint(steps("{name: call, templateRef: {name: say}}")))
                .containsExactly("templates.main.steps[0].call template name is required");
        assertThat(lint(steps("{name: call, templateRef: {template: say}}")))
                .containsExactly("templates.main.steps[0].call resource name is required");
    }

    @Test
    void theReferencedTemplatesInputsMustBeSupplied() {
        assertThat(lint(steps("{name: call, templateRef: {name: say, template: say}}")))
                .containsExactly("templates.main.steps[0].call templates.say inputs.parameters.message was not supplied");
    }

    @Test
    void theReferencedTemplateSeesOnlyTheWorkflowsGlobals() {
        assertThat(lint(steps("{name: call, templateRef: {name: noentry, template: main},"
                + " arguments: {parameters: [{name: m, value: x}]}}"))).containsExactly(
                "templates.main.steps[0].call templates.main: failed to resolve {{workflow.parameters.other}}");
    }

    @Test
    void problemsFurtherDownAChainOfReferencesCarryTheWholePath() {
        assertThat(lint(steps("{name: call, templateRef: {name: chain, template: outer}}"))).containsExactly(
                "templates.main.steps[0].call templates.outer.steps[0].in template reference nope.t not found");
    }

    @Test
    void aReferenceToAWorkflowParameterIsCheckedWithItsValueOthersAreLeftForRunTime() {
        // Argo's validation substitutes global parameters with values before it resolves the reference; one that
        // still needs substitution (VerifyResolvedVariables) is skipped with a warning.
        assertThat(lint("""
                metadata: {name: wf}
                spec:
                  entrypoint: main
                  arguments: {parameters: [{name: which, value: nope}]}
                  templates:
                  - name: main
                    steps: [[{name: call, templateRef: {name: "{{workflow.parameters.which}}", template: say}}]]
                """)).containsExactly("templates.main.steps[0].call template reference nope.say not found");
        assertThat(lint("""
                metadata: {name: wf}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    steps: [[{name: call, templateRef: {name: "{{item}}", template: say}, withItems: [a, b]}]]
                """)).isEmpty();
    }

    @Test
    void workflowTemplateRefIsCheckedAsArgoChecksIt() {
        assertThat(lint("""
                metadata: {name: wf}
                spec: {workflowTemplateRef: {name: say}}
                """)).isEmpty();
        assertThat(lint("""
                metadata: {name: wf}
                spec: {workflowTemplateRef: {name: nope}}
                """)).containsExactly("workflowtemplates.argoproj.io \"nope\" not found");
        assertThat(lint("""
                metadata: {name: wf}
                spec: {workflowTemplateRef: {name: nope, clusterScope: true}}
                """)).containsExactly("clusterworkflowtemplates.argoproj.io \"nope\" not found");
        assertThat(lint("""
                metadata: {name: wf}
                spec:
                  workflowTemplateRef: {name: say}
                  templates: [{name: x, container: {image: a}}]
                """)).containsExactly("Templates is invalid field in spec if workflow referred WorkflowTemplate"
                + " reference");
        assertThat(lint("""
                metadata: {name: wf}
                spec: {workflowTemplateRef: {name: noentry}}
                """).getFirst()).isEqualTo("spec.entrypoint is required");
        assertThat(lint("""
                metadata: {name: wf}
                spec:
                  workflowTemplateRef: {name: say}
                  onExit: nope
                """)).containsExactly("template reference say.nope not found");
    }

    @Test
    void aMissingWorkflowTemplateIsAProblemOfItsOwnKind() {
        Workflow wf = WorkflowCodec.read("metadata: {name: wf}\nspec: {workflowTemplateRef: {name: nope}}\n", "t.yaml");
        assertThat(WorkflowLinter.lint(wf, Map.of(), ExecutionProfile.LOCAL, ReconcileLimits.DEFAULT,
                Optional.of(TEMPLATES))).extracting(LintProblem::kind).containsExactly(
                ProblemKind.WORKFLOW_TEMPLATE_NOT_FOUND);
    }

    @Test
    void theWorkflowsArgumentsAreMergedWithTheTemplatesFirst() {
        // validate.Workflow: MergeParameters(wf, wft), the Workflow's first; then validateArguments and the entrypoint.
        assertThat(lint("""
                metadata: {name: wf}
                spec:
                  entrypoint: main
                  arguments: {parameters: [{name: other, value: o}]}
                  workflowTemplateRef: {name: noentry}
                """)).containsExactly("templates.main inputs.parameters.m was not supplied");
        assertThat(lint("""
                metadata: {name: wf}
                spec:
                  workflowTemplateRef: {name: say}
                  arguments: {parameters: [{name: message, value: "x", enum: [a, b]}]}
                """)).containsExactly("spec.arguments.message.value should be present in spec.arguments.message.enum"
                + " list");
        assertThat(lint("""
                metadata: {name: wf}
                spec: {workflowTemplateRef: {name: say}}
                """, Map.of("message", "from -p"))).isEmpty();
    }

    @Test
    void withoutTemplatesToCheckAgainstReferencesAreLeftToTheCluster() {
        Workflow wf = WorkflowCodec.read(steps("{name: call, templateRef: {name: nope, template: t}}"), "t.yaml");
        assertThat(WorkflowLinter.lint(wf, Map.of(), ExecutionProfile.CLUSTER)).isEmpty();
        Workflow byRef = WorkflowCodec.read("""
                metadata: {name: wf}
                spec: {workflowTemplateRef: {name: nope}}
                """, "t.yaml");
        assertThat(WorkflowLinter.lint(byRef, Map.of(), ExecutionProfile.CLUSTER)).isEmpty();
    }

    @Test
    void aWorkflowTemplateIsLintedAsArgoTemplateLintDoes() {
        // validate.WorkflowTemplate: entrypoint optional, parameters without values and workflow.parameters allowed.
        assertThat(lintTemplate("""
                apiVersion: argoproj.io/v1alpha1
                kind: WorkflowTemplate
                metadata: {name: ok-lib}
                spec:
                  arguments: {parameters: [{name: free}]}
                  templates:
                  - name: main
                    container: {image: a, args: ["{{workflow.parameters.anything}}"]}
                """)).isEmpty();
        assertThat(lintTemplate("""
                apiVersion: argoproj.io/v1alpha1
                kind: WorkflowTemplate
                metadata: {name: bad-lib}
                spec:
                  arguments: {parameters: [{name: free}]}
                  templates:
                  - name: main
                    steps: [[{name: a, template: nope}]]
                """)).containsExactly("templates.main templates.main.steps[0].a template name 'nope' undefined");
        assertThat(lintTemplate("""
                apiVersion: argoproj.io/v1alpha1
                kind: ClusterWorkflowTemplate
                metadata: {name: a-cluster-workflow-template-name-that-is-much-too-long-for-argo-x}
                spec:
                  templates: [{name: t, container: {image: a}}]
                """)).containsExactly("cluster workflow template name \"a-cluster-workflow-template-name-that-is-much"
                + "-too-long-for-argo-x\" must not be more than 63 characters long (currently 65)");
    }

    @Test
    void whatSkiffCannotRunIsFoundInReferencedTemplatesToo() {
        WorkflowTemplates withSidecar = WorkflowTemplateCatalog.of(templates("""
                apiVersion: argoproj.io/v1alpha1
                kind: WorkflowTemplate
                metadata: {name: svc}
                spec:
                  templates:
                  - name: with-db
                    sidecars: [{name: db, image: postgres}]
                    container: {image: a}
                """));
        Workflow wf = WorkflowCodec.read(steps("{name: call, templateRef: {name: svc, template: with-db}}"), "t.yaml");
        assertThat(WorkflowLinter.lint(wf, Map.of(), ExecutionProfile.LOCAL, ReconcileLimits.DEFAULT,
                Optional.of(withSidecar))).extracting(LintProblem::kind, LintProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ProblemKind.UNSUPPORTED,
                        "templates.with-db.sidecars is not supported by Skiff's local runner yet: its containers would"
                                + " not run"));
    }

    @Test
    void aHookCallingAMissingTemplateRefIsReportedByName() {
        assertThat(lint("""
                metadata: {name: wf}
                spec:
                  entrypoint: main
                  hooks: {exit: {templateRef: {name: say, template: gone}}}
                  templates:
                  - name: main
                    container: {image: a}
                """)).containsExactly("spec.hooks.exit template reference say.gone not found");
    }
}
