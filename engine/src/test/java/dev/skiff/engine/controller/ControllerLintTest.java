package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.WorkflowCodec;
import org.junit.jupiter.api.Test;

/** The controller refuses what it cannot run yet, in words, instead of failing a step later. */
class ControllerLintTest {

    @Test
    void referencesToWorkflowTemplatesAreRefusedUntilTheControllerReadsThem() {
        assertThat(ControllerLint.refusal(WorkflowCodec.read("""
                metadata: {name: r}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: a, templateRef: {name: lib, template: say}}]]
                """, "r.yaml"))).contains("templateRef (lib.say) is not supported by skiff controller yet: it does not"
                + " read WorkflowTemplates from the cluster (skiff run --templates DIR does)");
        assertThat(ControllerLint.refusal(WorkflowCodec.read("""
                metadata: {name: r}
                spec: {workflowTemplateRef: {name: lib}}
                """, "r.yaml"))).hasValueSatisfying(m -> assertThat(m).startsWith("spec.workflowTemplateRef is not"));
        assertThat(ControllerLint.refusal(WorkflowCodec.read("""
                metadata: {name: r}
                spec: {entrypoint: main, templates: [{name: main, container: {image: a}}]}
                """, "r.yaml"))).isEmpty();
    }
}
