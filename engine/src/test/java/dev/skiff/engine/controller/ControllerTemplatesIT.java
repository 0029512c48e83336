package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.skiff.engine.core.WorkflowTemplates;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowTemplate;
import dev.skiff.engine.run.WorkflowRunner;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controller reads WorkflowTemplates and ClusterWorkflowTemplates from its informers: {@code templateRef}
 * (namespaced and cluster scope) and {@code workflowTemplateRef} run to the status {@code skiff run} gives with the
 * same templates as local files (nodes, {@code storedTemplates}, {@code storedWorkflowTemplateSpec}) and Argo's
 * template labels; a missing template ends the workflow as Argo's controller does.
 */
@Testbed
class ControllerTemplatesIT {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static final String LIB = """
            metadata: {name: lib}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: who, value: lib}]}
              templates:
                - name: main
                  steps:
                    - - {name: greet, template: say, arguments: {parameters: [{name: text, value: "hi {{workflow.parameters.who}}"}]}}
                - name: say
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo], args: ["{{inputs.parameters.text}}"]}
            """;

    private static final String CLUSTER_LIB = """
            metadata: {name: %s}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: A, template: shout}
                - name: shout
                  container: {image: alpine, command: [echo], args: [LOUD]}
            """;

    private static final String REFS = """
            metadata: {name: refs}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: who, value: refs}]}
              templates:
                - name: main
                  steps:
                    - - {name: a, templateRef: {name: lib, template: say}, arguments: {parameters: [{name: text, value: a}]}}
                    - - {name: b, templateRef: {name: %s, template: shout, clusterScope: true}}
                      - {name: c, templateRef: {name: lib, template: main}}
            """;

    private static final String FROM_TEMPLATE = """
            metadata: {name: from-template}
            spec:
              workflowTemplateRef: {name: lib}
              arguments: {parameters: [{name: who, value: me}]}
            """;

    private static final String FROM_CLUSTER_TEMPLATE = """
            metadata: {name: from-cluster-template}
            spec:
              workflowTemplateRef: {name: %s, clusterScope: true}
            """;

    private Controller controller;
    private final List<String> clusterTemplates = new ArrayList<>();
    private TestingWorkflows workflows;

    @AfterEach
    void stop() throws Exception {
        if (controller != null) {
            controller.close();
        }
        for (String name : clusterTemplates) {
            workflows.deleteObject("", "clusterworkflowtemplates", name);
        }
    }

    @Test
    void templateRefAndWorkflowTemplateRefSucceedWithTheStatusOfSkiffRunAndArgosLabels(TestbedCluster hub,
                                                                                      TestNamespace ns)
            throws Exception {
        workflows = new TestingWorkflows(hub);
        String clib = "clib-" + ns.name();
        String clusterLib = CLUSTER_LIB.formatted(clib);
        workflows.createObject(ns.name(), "workflowtemplates", WorkflowTemplate.KIND, LIB);
        workflows.createObject("", "clusterworkflowtemplates", WorkflowTemplate.CLUSTER_KIND, clusterLib);
        clusterTemplates.add(clib);
        controller = TestingControllers.start(hub, TestingControllers.config(ns.name(), ""),
                new TestingStepExecutor(), "it", ns.name());
        WorkflowTemplates local = WorkflowTemplates.of(List.of(
                template(WorkflowTemplate.KIND, LIB, ns.name()),
                template(WorkflowTemplate.CLUSTER_KIND, clusterLib, "")));

        Map<String, String> labels = Map.of("refs", "", "from-template", "workflows.argoproj.io/workflow-template",
                "from-cluster-template", "workflows.argoproj.io/cluster-workflow-template");
        for (String yaml : List.of(REFS.formatted(clib), FROM_TEMPLATE, FROM_CLUSTER_TEMPLATE.formatted(clib))) {
            workflows.create(ns.name(), yaml);
            Workflow expected = new WorkflowRunner(new TestingStepExecutor(), Clock.systemUTC(),
                    new java.security.SecureRandom(), dev.skiff.engine.core.ArtifactRepository.NONE,
                    dev.skiff.engine.core.ReconcileLimits.DEFAULT, local)
                    .run(inNamespace(yaml, ns.name()), Map.of(), s -> { });
            ObjectNode done = workflows.awaitFinished(ns.name(), expected.name());
            assertThat(TestingWorkflows.phase(done)).as(expected.name() + ": " + TestingWorkflows.message(done))
                    .isEqualTo("Succeeded");
            ObjectNode want = WorkflowCodec.toTree(expected);
            assertThat(ControllerIT.shape(done.get("status"))).as(expected.name())
                    .isEqualTo(ControllerIT.shape(want.get("status")));
            assertThat(done.path("status").path("storedTemplates")).as(expected.name())
                    .isEqualTo(want.path("status").path("storedTemplates"));
            assertThat(done.path("status").path("storedWorkflowTemplateSpec")).as(expected.name())
                    .isEqualTo(want.path("status").path("storedWorkflowTemplateSpec"));
            String label = labels.get(expected.name());
            if (!label.isEmpty()) {
                assertThat(TestingWorkflows.label(done, label)).isEqualTo(label.endsWith("cluster-workflow-template")
                        ? clib : "lib");
            }
        }
        ObjectNode refs = workflows.get(ns.name(), "refs").orElseThrow();
        assertThat(refs.path("status").path("storedTemplates").has("cluster/" + clib + "/shout")).isTrue();
        assertThat(refs.path("status").path("storedTemplates").has("namespaced/lib/say")).isTrue();
        ObjectNode fromTemplate = workflows.get(ns.name(), "from-template").orElseThrow();
        assertThat(fromTemplate.path("status").path("storedWorkflowTemplateSpec").path("arguments").toString())
                .contains("me");
    }

    @Test
    void aMissingTemplateEndsTheWorkflowAsArgosControllerDoes(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        workflows = new TestingWorkflows(hub);
        controller = TestingControllers.start(hub, TestingControllers.config(ns.name(), ""),
                new TestingStepExecutor(), "it", ns.name());

        workflows.create(ns.name(), """
                metadata: {name: no-template}
                spec: {workflowTemplateRef: {name: nope}}
                """);
        ObjectNode noTemplate = workflows.awaitFinished(ns.name(), "no-template");
        assertThat(TestingWorkflows.phase(noTemplate)).isEqualTo("Error");
        // The lister's NotFound, as Argo's setExecWorkflow reports it.
        assertThat(TestingWorkflows.message(noTemplate)).isEqualTo("workflowtemplate.argoproj.io \"nope\" not found");

        workflows.create(ns.name(), """
                metadata: {name: no-ref}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: a, templateRef: {name: nope, template: say}}]]
                """);
        ObjectNode noRef = workflows.awaitFinished(ns.name(), "no-ref");
        assertThat(TestingWorkflows.phase(noRef)).isEqualTo("Failed");
        assertThat(TestingWorkflows.message(noRef)).startsWith("invalid spec: ").contains("nope.say not found");
    }

    private static WorkflowTemplate template(String kind, String yaml, String namespace) throws Exception {
        ObjectNode doc = (ObjectNode) YAML.readTree(yaml);
        doc.put("apiVersion", "argoproj.io/v1alpha1");
        doc.put("kind", kind);
        if (!namespace.isEmpty()) {
            doc.withObjectProperty("metadata").put("namespace", namespace);
        }
        return WorkflowTemplate.read(doc, "local.yaml");
    }

    private static Workflow inNamespace(String yaml, String namespace) throws Exception {
        ObjectNode doc = (ObjectNode) YAML.readTree(yaml);
        doc.put("apiVersion", "argoproj.io/v1alpha1");
        doc.put("kind", "Workflow");
        doc.withObjectProperty("metadata").put("namespace", namespace);
        return WorkflowCodec.read(doc, "local.yaml");
    }
}
