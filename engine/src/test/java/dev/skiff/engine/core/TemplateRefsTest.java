package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.PodNames;
import dev.skiff.engine.model.TemplateRef;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.spi.executor.StepRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code templateRef} in steps, tasks and hooks, as Argo's controller runs it ({@code templateresolution/context.go},
 * {@code operator.go}'s executeTemplate and initializeNode): the node records the reference instead of a template
 * name and the scope of its caller, the referenced template's own calls resolve in its WorkflowTemplate, and what
 * came from WorkflowTemplates is kept in {@code status.storedTemplates}.
 */
class TemplateRefsTest {

    private static final WorkflowTemplates LIBRARY = TestingTemplates.of(TestingTemplates.LIBRARY);

    @Test
    void aStepCallingATemplateOfAWorkflowTemplateRecordsTheReferenceNotATemplateName() {
        // Modelled on Argo's examples/workflow-template/hello-world.yaml.
        TestingRun run = TestingRun.run("""
                metadata: {name: hello}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - name: call
                            templateRef: {name: say, template: say}
                            arguments: {parameters: [{name: message, value: hello world}]}
                """, new TestingSteps(), LIBRARY);

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        NodeStatus call = run.node("call");
        assertThat(call.type()).isEqualTo(NodeType.POD);
        // initializeNode: TemplateName: orgTmpl.GetTemplateName(), TemplateRef: orgTmpl.GetTemplateRef(), and the
        // scope of the context the call was resolved in (the Workflow's).
        assertThat(call.templateName()).isEmpty();
        assertThat(call.templateRef()).contains(new TemplateRef("say", "say", false));
        assertThat(call.templateScope()).isEqualTo("local/hello");
        assertThat(call.inputs().orElseThrow().parameter("message").orElseThrow().value()).contains("hello world");
        assertThat(run.nodeByName("hello").templateScope()).isEqualTo("local/hello");
        assertThat(run.node("[0]").templateScope()).isEqualTo("local/hello");
        StepRequest started = run.started.getFirst();
        assertThat(started.command().args()).containsExactly("hello world");
        // Pod names use the referenced template's name (GetTemplateFromNode).
        assertThat(started.ref().stepId()).isEqualTo(PodNames.podName("hello", "hello[0].call", "say"))
                .isEqualTo(call.podName("hello"));
        assertThat(run.status.storedTemplates()).containsOnlyKeys("namespaced/say/say");
    }

    @Test
    void callsByNameInsideAReferencedTemplateResolveInItsOwnWorkflowTemplate() {
        // Modelled on Argo's examples/cluster-workflow-template/mixed-cluster-namespaced-wftmpl-steps.yaml.
        TestingRun run = TestingRun.run("""
                metadata: {name: nest}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - name: go
                            templateRef: {name: nested, template: twice, clusterScope: true}
                            arguments: {parameters: [{name: message, value: hi}]}
                """, new TestingSteps(), LIBRARY);

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        NodeStatus go = run.node("go");
        assertThat(go.type()).isEqualTo(NodeType.STEPS);
        assertThat(go.templateRef()).contains(new TemplateRef("nested", "twice", true));
        assertThat(go.templateScope()).isEqualTo("local/nest");
        NodeStatus first = run.node("first");
        assertThat(first.templateRef()).contains(new TemplateRef("say", "say", false));
        assertThat(first.templateScope()).isEqualTo("cluster/nested");
        NodeStatus second = run.node("second");
        assertThat(second.templateName()).isEqualTo("shout");
        assertThat(second.templateRef()).isEmpty();
        assertThat(second.templateScope()).isEqualTo("cluster/nested");
        assertThat(run.nodeByName("nest[0].go[1]").templateScope()).isEqualTo("cluster/nested");
        assertThat(run.started).extracting(r -> r.command().args()).containsExactly(List.of("hi"), List.of("hi!"));
        assertThat(run.status.storedTemplates()).containsOnlyKeys("cluster/nested/twice", "namespaced/say/say",
                "cluster/nested/shout");
        assertThat(run.status.progress()).isEqualTo("2/2");
    }

    @Test
    void dagTasksCallReferencedTemplatesAndTaskGroupsRecordTheReference() {
        // Modelled on Argo's examples/workflow-template/dag.yaml.
        TestingRun run = TestingRun.run("""
                metadata: {name: diamond}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - name: A
                            templateRef: {name: say, template: say}
                            arguments: {parameters: [{name: message, value: A}]}
                          - name: B
                            depends: A
                            templateRef: {name: nested, template: twice, clusterScope: true}
                            arguments: {parameters: [{name: message, value: B}]}
                          - name: C
                            depends: A
                            templateRef: {name: say, template: say}
                            arguments: {parameters: [{name: message, value: "{{item}}"}]}
                            withItems: [c1, c2]
                          - name: D
                            depends: B && C
                            templateRef: {name: say, template: say}
                            arguments: {parameters: [{name: message, value: D}]}
                """, new TestingSteps(), LIBRARY);

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.started).extracting(r -> r.command().args().getFirst())
                .containsExactlyInAnyOrder("A", "B", "B!", "c1", "c2", "D");
        NodeStatus group = run.node("C");
        assertThat(group.type()).isEqualTo(NodeType.TASK_GROUP);
        assertThat(group.templateRef()).contains(new TemplateRef("say", "say", false));
        assertThat(run.node("C(0:c1)").templateRef()).contains(new TemplateRef("say", "say", false));
        assertThat(run.node("D").templateScope()).isEqualTo("local/diamond");
        assertThat(run.children(run.node("A"))).containsExactlyInAnyOrder("B", "C");
    }

    @Test
    void referencedTemplatesSeeTheWorkflowsParametersNotTheWorkflowTemplatesArguments() {
        // docs/workflow-templates.md, "Working with parameters": global parameters are the Workflow's.
        WorkflowTemplates templates = TestingTemplates.of("""
                apiVersion: argoproj.io/v1alpha1
                kind: WorkflowTemplate
                metadata: {name: greeter}
                spec:
                  arguments: {parameters: [{name: greeting, value: not this one}]}
                  templates:
                    - name: greet
                      container: {image: busybox, command: [echo], args: ["{{workflow.parameters.greeting}}"]}
                """);
        TestingRun run = TestingRun.run("""
                metadata: {name: globals}
                spec:
                  entrypoint: main
                  arguments: {parameters: [{name: greeting, value: hello}]}
                  templates:
                    - name: main
                      steps: [[{name: greet, templateRef: {name: greeter, template: greet}}]]
                """, new TestingSteps(), templates);

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.started.getFirst().command().args()).containsExactly("hello");
    }

    @Test
    void theWorkflowsTemplateDefaultsApplyToReferencedTemplates() {
        // mergedTemplateDefaultsInto uses execWf.Spec.TemplateDefaults for every resolved template.
        TestingRun run = TestingRun.run("""
                metadata: {name: defaults}
                spec:
                  entrypoint: main
                  templateDefaults: {container: {workingDir: /work}}
                  templates:
                    - name: main
                      steps:
                        - - name: call
                            templateRef: {name: say, template: say}
                            arguments: {parameters: [{name: message, value: x}]}
                """, new TestingSteps(), LIBRARY);

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.started.getFirst().command().workingDir()).contains("/work");
    }

    @Test
    void aTemplateMayCallItselfThroughItsWorkflowTemplate() {
        WorkflowTemplates templates = TestingTemplates.of("""
                apiVersion: argoproj.io/v1alpha1
                kind: WorkflowTemplate
                metadata: {name: countdown}
                spec:
                  templates:
                    - name: count
                      inputs: {parameters: [{name: n}]}
                      steps:
                        - - {name: show, template: show, arguments: {parameters: [{name: n, value: "{{inputs.parameters.n}}"}]}}
                        - - name: again
                            templateRef: {name: countdown, template: count}
                            when: "{{inputs.parameters.n}} > 0"
                            arguments: {parameters: [{name: n, value: "{{=asInt(inputs.parameters.n) - 1}}"}]}
                    - name: show
                      inputs: {parameters: [{name: n}]}
                      container: {image: busybox, command: [echo], args: ["{{inputs.parameters.n}}"]}
                """);
        TestingRun run = TestingRun.run("""
                metadata: {name: recurse}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - name: start
                            templateRef: {name: countdown, template: count}
                            arguments: {parameters: [{name: n, value: "2"}]}
                """, new TestingSteps(), templates);

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.started).extracting(r -> r.command().args().getFirst()).containsExactly("2", "1", "0");
        assertThat(run.nodeByName("recurse[0].start[1].again[1].again[1].again").phase()).isEqualTo(NodePhase.SKIPPED);
        assertThat(run.nodeByName("recurse[0].start[1].again[1].again[1].again").templateRef())
                .contains(new TemplateRef("countdown", "count", false));
        assertThat(run.status.storedTemplates()).containsOnlyKeys("namespaced/countdown/count",
                "namespaced/countdown/show");
    }

    @Test
    void hooksAndExitHandlersMayUseTemplateRef() {
        TestingRun run = TestingRun.run("""
                metadata: {name: hooked}
                spec:
                  entrypoint: main
                  hooks:
                    exit:
                      templateRef: {name: say, template: say}
                      arguments: {parameters: [{name: message, value: "workflow {{workflow.status}}"}]}
                  templates:
                    - name: main
                      steps:
                        - - name: work
                            template: work
                            hooks:
                              exit:
                                templateRef: {name: nested, template: shout, clusterScope: true}
                                arguments: {parameters: [{name: message, value: "step {{steps.work.status}}"}]}
                    - name: work
                      container: {image: busybox, command: [echo], args: [working]}
                """, new TestingSteps(), LIBRARY);

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.started).extracting(r -> r.command().args().getFirst())
                .containsExactly("working", "step Succeeded!", "workflow Succeeded");
        NodeStatus stepExit = run.nodeByName("hooked[0].work.onExit");
        assertThat(stepExit.templateRef()).contains(new TemplateRef("nested", "shout", true));
        assertThat(stepExit.isHooked()).isTrue();
        assertThat(run.nodeByName("hooked.onExit").templateRef()).contains(new TemplateRef("say", "say", false));
        // Argo's validation does not follow hooks; running them stores them.
        assertThat(run.status.storedTemplates()).containsOnlyKeys("cluster/nested/shout", "namespaced/say/say");
    }

    @Test
    void aMissingWorkflowTemplateOrTemplateErrorsTheStepWithArgosWords() {
        // GetTemplateFromRef: "workflow template %s not found" / "template %s not found in workflow template %s".
        TestingRun run = TestingRun.run("""
                metadata: {name: missing}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: a, templateRef: {name: nope, template: x}}
                          - {name: b, templateRef: {name: say, template: nope}}
                """, new TestingSteps(), LIBRARY);

        // As for any step that errors before it runs: the group errors, the steps node and the workflow fail.
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.status.message()).isEqualTo("step group deemed errored due to child missing[0].a error: "
                + "workflow template nope not found");
        assertThat(run.node("a").phase()).isEqualTo(NodePhase.ERROR);
        assertThat(run.node("a").message()).isEqualTo("workflow template nope not found");
        assertThat(run.node("a").type()).isEqualTo(NodeType.SKIPPED);
        assertThat(run.node("a").templateRef()).contains(new TemplateRef("nope", "x", false));
        assertThat(run.started).isEmpty();
    }

    @Test
    void aTemplateNotFoundInTheWorkflowTemplateIsNamed() {
        TestingRun run = TestingRun.run("""
                metadata: {name: missing2}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: b, templateRef: {name: say, template: nope}}]]
                """, new TestingSteps(), LIBRARY);

        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.node("b").message()).isEqualTo("template nope not found in workflow template say");
    }

    @Test
    void aReferencedTemplateWithoutAKindIsUnknown() {
        WorkflowTemplates templates = TestingTemplates.of("""
                apiVersion: argoproj.io/v1alpha1
                kind: WorkflowTemplate
                metadata: {name: broken}
                spec: {templates: [{name: nothing}]}
                """);
        TestingRun run = TestingRun.run("""
                metadata: {name: unknown}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: b, templateRef: {name: broken, template: nothing}}]]
                """, new TestingSteps(), templates);

        assertThat(run.node("b").message()).isEqualTo("template 'nothing' type is unknown");
        assertThat(run.node("b").templateRef()).isEqualTo(Optional.of(new TemplateRef("broken", "nothing", false)));
    }
}
