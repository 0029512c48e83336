package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.spi.executor.StepRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Resource and data templates in the core: pod nodes whose step request carries the template for Argo's executor
 * (executeResource, executeData); resource outputs are the parameters argoexec saved from jsonPath/jqFilter.
 */
class ResourceTemplatesTest {

    private static final String RESOURCE = """
            metadata: {name: res, uid: 0c1e8f5e-1111-4222-8333-944455556666}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: make
                    template: make
                - - name: show
                    template: show
                    arguments:
                      parameters: [{name: n, value: "{{steps.make.outputs.parameters.name}}"}]
              - name: make
                resource:
                  action: create
                  setOwnerReference: %s
                  successCondition: status.succeeded > 0
                  manifest: |
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      generateName: cm-
                      labels: {app: "{{workflow.name}}"}
                    data: {port: "8080"}
                outputs:
                  parameters:
                  - name: name
                    valueFrom: {jsonPath: "{.metadata.name}"}
                  - name: labels
                    valueFrom: {jqFilter: ".metadata.labels"}
              - name: show
                inputs: {parameters: [{name: n}]}
                container: {image: alpine, command: [echo, "{{inputs.parameters.n}}"]}
            """;

    @Test
    void aResourceStepIsAPodNodeWhoseOutputsAreWhatArgoexecSaved() {
        TestingSteps steps = new TestingSteps().on("make", TestingSteps.Behaviour.ok("")
                .withOutput("name", "cm-x7k2p").withOutput("labels", "{\"app\":\"res\"}"));
        TestingRun run = TestingRun.run(RESOURCE.formatted("false"), steps).assertPhase(WorkflowPhase.SUCCEEDED);

        var make = run.node("make");
        assertThat(make.type()).isEqualTo(NodeType.POD);
        assertThat(make.phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.param(make, "name")).isEqualTo("cm-x7k2p");
        assertThat(run.param(make, "labels")).isEqualTo("{\"app\":\"res\"}");
        assertThat(run.node("show").inputs().orElseThrow().parameters().getFirst().value()).contains("cm-x7k2p");

        StepRequest request = run.started.stream().filter(r -> r.templateName().equals("make")).findFirst()
                .orElseThrow();
        assertThat(request.includeScriptOutput()).isFalse();
        Map<?, ?> resource = (Map<?, ?>) request.template().get("resource");
        assertThat(resource.get("action")).isEqualTo("create");
        assertThat((String) resource.get("manifest")).contains("app: \"res\"").doesNotContain("ownerReferences");
    }

    @Test
    void setOwnerReferenceMakesTheWorkflowTheObjectsControllerInTheManifestWithSortedKeys() {
        TestingSteps steps = new TestingSteps().on("make", TestingSteps.Behaviour.ok("").withOutput("name", "x"));
        TestingRun run = TestingRun.run(RESOURCE.formatted("true"), steps);

        StepRequest request = run.started.stream().filter(r -> r.templateName().equals("make")).findFirst()
                .orElseThrow();
        assertThat(((Map<?, ?>) request.template().get("resource")).get("manifest")).isEqualTo("""
                apiVersion: v1
                data:
                  port: "8080"
                kind: ConfigMap
                metadata:
                  generateName: cm-
                  labels:
                    app: res
                  ownerReferences:
                  - apiVersion: argoproj.io/v1alpha1
                    blockOwnerDeletion: true
                    controller: true
                    kind: Workflow
                    name: res
                    uid: 0c1e8f5e-1111-4222-8333-944455556666
                """);
    }

    @Test
    void setOwnerReferenceOnAManifestThatIsNoObjectErrorsTheNode() {
        String yaml = RESOURCE.formatted("true").replaceAll("(?s)manifest: \\|.*?\n( *)outputs:",
                "manifest: just text\n$1outputs:");
        TestingRun run = TestingRun.run(yaml, new TestingSteps()).assertPhase(WorkflowPhase.FAILED);

        assertThat(run.node("make").phase()).isEqualTo(NodePhase.ERROR);
        assertThat(run.node("make").message()).startsWith("resource.manifest:");
        assertThat(run.started).noneMatch(r -> r.templateName().equals("make"));
    }

    @Test
    void aDataStepAlwaysAsksForItsResult() {
        TestingSteps steps = new TestingSteps().on("filter", TestingSteps.Behaviour.ok("[\"a.pdf\"]"));
        TestingRun run = TestingRun.run("""
                metadata: {name: data}
                spec:
                  entrypoint: filter
                  templates:
                  - name: filter
                    data:
                      source: {artifactPaths: {name: in, s3: {bucket: b}}}
                      transformation: [{expression: "filter(data, {# endsWith '.pdf'})"}]
                """, steps).assertPhase(WorkflowPhase.SUCCEEDED);

        assertThat(run.started.getFirst().includeScriptOutput()).isTrue();
        assertThat(run.node("data").outputs().orElseThrow().result()).contains("[\"a.pdf\"]");
    }
}
