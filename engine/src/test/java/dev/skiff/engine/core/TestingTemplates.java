package dev.skiff.engine.core;

import dev.skiff.engine.model.ManifestDocument;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowTemplate;
import java.util.List;

/** WorkflowTemplates for tests, read from YAML as a file of templates would be. */
final class TestingTemplates {

    private TestingTemplates() {
    }

    /** The WorkflowTemplates and ClusterWorkflowTemplates of a multi-document YAML text. */
    static WorkflowTemplates of(String yaml) {
        return WorkflowTemplateCatalog.of(list(yaml));
    }

    static List<WorkflowTemplate> list(String yaml) {
        return WorkflowCodec.readManifests(yaml, "templates.yaml").stream()
                .filter(d -> d instanceof ManifestDocument.TemplateDoc)
                .map(d -> ((ManifestDocument.TemplateDoc) d).template()).toList();
    }

    /** A library like Argo's examples/workflow-template/templates.yaml, written for these tests. */
    static final String LIBRARY = """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: say}
            spec:
              entrypoint: say
              arguments:
                parameters: [{name: message, value: from the template}]
              templates:
                - name: say
                  inputs: {parameters: [{name: message}]}
                  container: {image: busybox, command: [echo], args: ["{{inputs.parameters.message}}"]}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: ClusterWorkflowTemplate
            metadata: {name: nested}
            spec:
              templates:
                - name: shout
                  inputs: {parameters: [{name: message}]}
                  container: {image: busybox, command: [echo], args: ["{{inputs.parameters.message}}!"]}
                - name: twice
                  inputs: {parameters: [{name: message}]}
                  steps:
                    - - name: first
                        templateRef: {name: say, template: say}
                        arguments: {parameters: [{name: message, value: "{{inputs.parameters.message}}"}]}
                    - - name: second
                        template: shout
                        arguments: {parameters: [{name: message, value: "{{inputs.parameters.message}}"}]}
            """;
}
