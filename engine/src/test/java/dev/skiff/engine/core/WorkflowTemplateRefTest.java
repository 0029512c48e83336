package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.spi.executor.StepRequest;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.workflowTemplateRef}, as Argo's {@code setExecWorkflow}/{@code setStoredWfSpec} run it: the spec is the
 * Workflow's merged over the WorkflowTemplate's ({@code JoinWorkflowSpec}), stored in
 * {@code status.storedWorkflowTemplateSpec}, run in an unnamed local base ({@code templateScope: local/}), and the
 * Workflow is labelled with the template's name.
 */
class WorkflowTemplateRefTest {

    private static final WorkflowTemplates LIBRARY = TestingTemplates.of(TestingTemplates.LIBRARY);

    @Test
    void aWorkflowWithOnlyAReferenceRunsTheTemplatesEntrypointWithItsArguments() {
        // Modelled on Argo's examples/workflow-template/workflow-template-ref.yaml.
        TestingRun run = TestingRun.run("""
                metadata: {name: by-ref}
                spec:
                  workflowTemplateRef: {name: say}
                """, new TestingSteps(), LIBRARY);

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        NodeStatus root = run.nodeByName("by-ref");
        assertThat(root.type()).isEqualTo(NodeType.POD);
        assertThat(root.templateName()).isEqualTo("say");
        assertThat(root.templateRef()).isEmpty();
        // execWf is a Workflow without metadata: GetTemplateScope gives "local/" (hooks_test.go shows it so).
        assertThat(root.templateScope()).isEqualTo("local/");
        assertThat(run.started.getFirst().command().args()).containsExactly("from the template");
        ObjectNode stored = run.status.storedWorkflowTemplateSpec().orElseThrow();
        assertThat(stored.path("entrypoint").asText()).isEqualTo("say");
        assertThat(stored.path("workflowTemplateRef").path("name").asText()).isEqualTo("say");
        assertThat(stored.path("templates").get(0).path("name").asText()).isEqualTo("say");
        assertThat(stored.path("arguments").path("parameters").get(0).path("value").asText())
                .isEqualTo("from the template");
        assertThat(run.workflow.labels()).containsEntry("workflows.argoproj.io/workflow-template", "say");
        // The one-time validation resolved the entrypoint through the reference and stored it.
        assertThat(run.status.storedTemplates()).containsOnlyKeys("namespaced/say/say");
    }

    @Test
    void theWorkflowsEntrypointAndArgumentsWinOverTheTemplates() {
        // Modelled on Argo's examples/cluster-workflow-template/workflow-template-ref-with-entrypoint-arg-passing.yaml.
        TestingRun run = TestingRun.run("""
                metadata: {name: passing}
                spec:
                  entrypoint: shout
                  arguments: {parameters: [{name: message, value: from the workflow}]}
                  workflowTemplateRef: {name: nested, clusterScope: true}
                """.replace("shout", "shout-it"), new TestingSteps(), TestingTemplates.of("""
                apiVersion: argoproj.io/v1alpha1
                kind: ClusterWorkflowTemplate
                metadata: {name: nested}
                spec:
                  entrypoint: other
                  arguments: {parameters: [{name: message, value: from the template}]}
                  templates:
                    - name: shout-it
                      container: {image: busybox, command: [echo], args: ["{{workflow.parameters.message}}"]}
                    - name: other
                      container: {image: busybox, command: [echo], args: [other]}
                """));

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.started).extracting(StepRequest::templateName).containsExactly("shout-it");
        assertThat(run.started.getFirst().command().args()).containsExactly("from the workflow");
        assertThat(run.workflow.labels()).containsEntry("workflows.argoproj.io/cluster-workflow-template", "nested");
        assertThat(run.status.storedTemplates()).containsOnlyKeys("cluster/nested/shout-it", "cluster/nested/other");
    }

    @Test
    void parametersPassedWithPOverrideTheTemplatesArguments() {
        TestingRun run = TestingRun.run("""
                metadata: {name: with-p}
                spec:
                  workflowTemplateRef: {name: say}
                """, new TestingSteps(), Map.of("message", "from -p"), List.of(), ReconcileLimits.DEFAULT, LIBRARY);

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.started.getFirst().command().args()).containsExactly("from -p");
    }

    @Test
    void aMissingWorkflowTemplateErrorsTheWorkflowWithTheInformersWords() {
        // setExecWorkflow -> setStoredWfSpec -> fetchWorkflowSpec: the lister's NotFound, marked as a workflow error.
        TestingRun run = TestingRun.run("""
                metadata: {name: lost}
                spec:
                  workflowTemplateRef: {name: nope}
                """, new TestingSteps(), LIBRARY);

        run.assertPhase(WorkflowPhase.ERROR);
        assertThat(run.status.message()).isEqualTo("workflowtemplate.argoproj.io \"nope\" not found");
        assertThat(run.status.nodes()).isEmpty();
        assertThat(run.status.finishedAt()).isPresent();

        TestingRun cluster = TestingRun.run("""
                metadata: {name: lost2}
                spec:
                  workflowTemplateRef: {name: nope, clusterScope: true}
                """, new TestingSteps(), LIBRARY);
        assertThat(cluster.status.message()).isEqualTo("clusterworkflowtemplate.argoproj.io \"nope\" not found");
    }

    @Test
    void aRestartedReconcilerRunsTheStoredSpecEvenWhenTheTemplateChangedOrWentAway() {
        Workflow wf = WorkflowAdmission.admit(WorkflowCodec.read("""
                metadata: {name: kept}
                spec:
                  workflowTemplateRef: {name: two}
                """, "kept.yaml"), Map.of(), TestingRun.T0, new Random(1));
        WorkflowTemplates before = TestingTemplates.of("""
                apiVersion: argoproj.io/v1alpha1
                kind: WorkflowTemplate
                metadata: {name: two}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: one, template: echo}], [{name: two, template: echo}]]
                    - name: echo
                      container: {image: busybox, command: [echo], args: [before]}
                """);
        WorkflowReconciler first = WorkflowReconciler.of(wf, ArtifactRepository.NONE, ReconcileLimits.DEFAULT,
                before);
        first.reconcile(List.of(), TestingRun.T0);
        Workflow saved = WorkflowCodec.read(WorkflowCodec.toJson(first.workflow()), "saved.json");

        // The WorkflowTemplate is gone now: the stored spec is all the workflow needs.
        TestingRun rest = TestingRun.run(saved, new TestingSteps(), List.of(), ReconcileLimits.DEFAULT,
                WorkflowTemplates.NONE);
        rest.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(rest.started).extracting(r -> r.command().args().getFirst()).containsOnly("before");
        assertThat(rest.status.storedWorkflowTemplateSpec()).isEqualTo(first.status().storedWorkflowTemplateSpec());
    }

    @Test
    void storedTemplatesWinOverAnEditedWorkflowTemplate() {
        Workflow wf = WorkflowAdmission.admit(WorkflowCodec.read("""
                metadata: {name: pinned}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - [{name: one, templateRef: {name: lib, template: echo}}]
                        - [{name: two, templateRef: {name: lib, template: echo}}]
                """, "pinned.yaml"), Map.of(), TestingRun.T0, new Random(1));
        String library = """
                apiVersion: argoproj.io/v1alpha1
                kind: WorkflowTemplate
                metadata: {name: lib}
                spec:
                  templates: [{name: echo, container: {image: busybox, command: [echo], args: [%s]}}]
                """;
        WorkflowReconciler first = WorkflowReconciler.of(wf, ArtifactRepository.NONE, ReconcileLimits.DEFAULT,
                TestingTemplates.of(library.formatted("v1")));
        first.reconcile(List.of(), TestingRun.T0);
        Workflow saved = WorkflowCodec.read(WorkflowCodec.toJson(first.workflow()), "saved.json");
        assertThat(saved.status().orElseThrow().storedTemplates()).containsOnlyKeys("namespaced/lib/echo");

        TestingRun rest = TestingRun.run(saved, new TestingSteps(), List.of(), ReconcileLimits.DEFAULT,
                TestingTemplates.of(library.formatted("v2")));
        rest.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(rest.started).extracting(r -> r.command().args().getFirst()).containsExactly("v1", "v1");
    }
}
