package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.core.TemplateLookupException;
import dev.skiff.engine.core.WorkflowTemplates;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowTemplate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The controller's one-time validation of a new Workflow, with the WorkflowTemplates its informers hold. */
class ControllerLintTest {

    private static final String REF = """
            metadata: {name: r}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps: [[{name: a, templateRef: {name: lib, template: say}}]]
            """;

    private static WorkflowTemplates lib() {
        ObjectNode doc = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                java.util.Map.of("apiVersion", "argoproj.io/v1alpha1", "kind", "WorkflowTemplate",
                        "metadata", java.util.Map.of("name", "lib"),
                        "spec", java.util.Map.of("templates", List.of(java.util.Map.of("name", "say",
                                "container", java.util.Map.of("image", "alpine"))))));
        return WorkflowTemplates.of(List.of(WorkflowTemplate.read(doc, "lib.yaml")));
    }

    @Test
    void aTemplateRefToAnExistingWorkflowTemplateMayRun() {
        assertThat(ControllerLint.refusal(WorkflowCodec.read(REF, "r.yaml"), lib())).isEmpty();
    }

    @Test
    void aTemplateRefToAMissingWorkflowTemplateFailsWithInvalidSpec() {
        assertThat(ControllerLint.refusal(WorkflowCodec.read(REF, "r.yaml"), WorkflowTemplates.NONE))
                .hasValueSatisfying(m -> assertThat(m).startsWith("invalid spec: ").contains("lib"));
    }

    @Test
    void aWorkflowTemplateRefToAMissingTemplateIsLeftToTheReconcilerWhichEndsItError() {
        assertThat(ControllerLint.refusal(WorkflowCodec.read("""
                metadata: {name: r}
                spec: {workflowTemplateRef: {name: nope}}
                """, "r.yaml"), WorkflowTemplates.NONE)).isEmpty();
    }

    @Test
    void aLookupThatCannotBeAnsweredFailsTheWorkflowAsNotFound() {
        WorkflowTemplates forbidden = new WorkflowTemplates() {
            @Override
            public Optional<WorkflowTemplate> workflowTemplate(String namespace, String name) {
                throw new TemplateLookupException("workflowtemplates.argoproj.io \"" + name + "\" is forbidden");
            }

            @Override
            public Optional<WorkflowTemplate> clusterWorkflowTemplate(String name) {
                throw new TemplateLookupException("forbidden");
            }
        };
        assertThat(ControllerLint.refusal(WorkflowCodec.read(REF, "r.yaml"), forbidden))
                .contains("invalid spec: templates.main.steps[0].a template reference lib.say not found");
    }

    @Test
    void aWorkflowOfItsOwnTemplatesMayRun() {
        assertThat(ControllerLint.refusal(WorkflowCodec.read("""
                metadata: {name: r}
                spec: {entrypoint: main, templates: [{name: main, container: {image: a}}]}
                """, "r.yaml"), WorkflowTemplates.NONE)).isEmpty();
    }
}
