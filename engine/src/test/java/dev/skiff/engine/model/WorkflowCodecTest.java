package dev.skiff.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowCodecTest {

    private static final String HELLO = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: hello-
              labels: {team: a}
            spec:
              entrypoint: main
              futureSpecField: {keep: [1, 2]}
              arguments:
                parameters:
                  - name: count
                    value: 3
                  - name: ratio
                    value: 0.5
              templates:
                - name: main
                  unknownTemplateField: yes
                  container:
                    image: alpine
                    command: [echo, hi]
                    resources: {limits: {cpu: 1}}
            """;

    @Test
    void unknownFieldsSurviveARoundTrip() throws Exception {
        Workflow wf = WorkflowCodec.read(HELLO, "hello.yaml");
        JsonNode out = new ObjectMapper().readTree(WorkflowCodec.toJson(wf));
        assertThat(out.at("/spec/futureSpecField/keep/1").asInt()).isEqualTo(2);
        assertThat(out.at("/spec/templates/0/unknownTemplateField").asBoolean()).isTrue();
        assertThat(out.at("/spec/templates/0/container/resources/limits/cpu").asInt()).isEqualTo(1);
        Workflow again = WorkflowCodec.read(WorkflowCodec.toYaml(wf), "again.yaml");
        assertThat(new ObjectMapper().readTree(WorkflowCodec.toJson(again))).isEqualTo(out);
    }

    @Test
    void scalarParameterValuesReadAsGoPrintsThem() {
        Workflow wf = WorkflowCodec.read(HELLO, "hello.yaml");
        assertThat(wf.spec().arguments().parameters()).extracting(p -> p.value().orElseThrow())
                .containsExactly("3", "0.5");
        assertThat(wf.spec().templates().getFirst().kind()).isEqualTo(TemplateKind.CONTAINER);
        assertThat(wf.generateName()).isEqualTo("hello-");
        assertThat(wf.labels()).containsEntry("team", "a");
    }

    @Test
    void statusIsWrittenInArgosShape() throws Exception {
        Instant t0 = Instant.parse("2026-01-01T00:00:00.600Z");
        NodeStatus root = new NodeStatus("hello-abcde", "hello-abcde", "hello-abcde", NodeType.POD, "main",
                "local/hello-abcde", NodePhase.SUCCEEDED, "", "", Optional.of(t0), Optional.empty(), "1/1",
                Optional.empty(), Optional.empty(),
                Optional.of(new Outputs(List.of(), Optional.empty(), Optional.of("0"))), List.of(), List.of());
        WorkflowStatus status = new WorkflowStatus(WorkflowPhase.SUCCEEDED, Optional.of(t0), Optional.of(t0),
                "1/1", "", Map.of(root.id(), root), Optional.empty(),
                List.of(new Condition("Completed", "True", "")));
        Workflow wf = WorkflowCodec.read(HELLO, "hello.yaml").withStatus(status);
        JsonNode out = new ObjectMapper().readTree(WorkflowCodec.toJson(wf));
        JsonNode node = out.at("/status/nodes/hello-abcde");
        assertThat(node.get("startedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(node.get("finishedAt").isNull()).isTrue();
        assertThat(node.get("boundaryID")).isNull();
        assertThat(node.get("children")).isNull();
        assertThat(node.at("/outputs/exitCode").asText()).isEqualTo("0");
        assertThat(out.at("/status/phase").asText()).isEqualTo("Succeeded");
        Workflow back = WorkflowCodec.read(WorkflowCodec.toJson(wf), "back.json");
        assertThat(back.status().orElseThrow().nodes().get("hello-abcde").outputs())
                .isEqualTo(root.outputs());
    }

    @Test
    void unreadableDocumentsNameTheProblem() {
        assertThatThrownBy(() -> WorkflowCodec.read("a: [", "bad.yaml"))
                .isInstanceOf(WorkflowFormatException.class).hasMessageContaining("bad.yaml")
                .hasMessageContaining("line");
        assertThatThrownBy(() -> WorkflowCodec.read("kind: Pod\n", "pod.yaml"))
                .isInstanceOf(WorkflowFormatException.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> WorkflowCodec.read("kind: Workflow\nspec: {templates: [{name: a, steps: x}]}",
                "s.yaml")).isInstanceOf(WorkflowFormatException.class)
                .hasMessageContaining("spec.templates[0].steps must be a list");
    }

    @Test
    void nodeIdsAndPodNamesFollowArgo() {
        // FNV-1a 32 of "" is the offset basis; of "a" is 0xe40c292c (published test vectors).
        assertThat(PodNames.fnv32a("")).isEqualTo(0x811c9dc5L);
        assertThat(PodNames.fnv32a("a")).isEqualTo(0xe40c292cL);
        assertThat(PodNames.nodeId("wf", "wf")).isEqualTo("wf");
        assertThat(PodNames.nodeId("wf", "wf[0]")).isEqualTo("wf-" + PodNames.fnv32a("wf[0]"));
        assertThat(PodNames.podName("wf", "wf[0].a", "echo")).isEqualTo("wf-echo-" + PodNames.fnv32a("wf[0].a"));
        assertThat(PodNames.podName("wf", "wf", "echo")).isEqualTo("wf");
        assertThat(PodNames.podName("w".repeat(300), "x", "t")).hasSize(242 + 1 + String.valueOf(
                PodNames.fnv32a("x")).length());
    }

    @Test
    void yamlAliasesStandForTheirAnchorsValuesAndMergeKeysApply() {
        // Go's YAML (Argo) resolves these; Jackson's tree reading made "*g" the string "g" and rejected the rest.
        Workflow wf = WorkflowCodec.read("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: anchors}
                spec:
                  entrypoint: main
                  templates:
                    - name: base
                      container: &c {image: busybox, command: [echo, base]}
                    - name: alias
                      container: *c
                    - name: main
                      container:
                        <<: *c
                        args: [&g "hello", *g]
                """, "a.yaml");
        assertThat(wf.spec().template("alias").orElseThrow().raw().path("container"))
                .isEqualTo(wf.spec().template("base").orElseThrow().raw().path("container"));
        JsonNode main = wf.spec().template("main").orElseThrow().raw().path("container");
        assertThat(main.toString())
                .isEqualTo("{\"image\":\"busybox\",\"command\":[\"echo\",\"base\"],\"args\":[\"hello\",\"hello\"]}");
    }

    @Test
    void aManifestFileIsReadDocumentByDocumentAsArgosCliSortsThem() {
        List<ManifestDocument> documents = WorkflowCodec.readManifests("""
                apiVersion: argoproj.io/v1alpha1
                kind: WorkflowTemplate
                metadata: {name: backfill-template}
                spec: {templates: []}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: one-}
                spec: {entrypoint: main, templates: [{name: main, container: {image: a}}]}
                ---
                kind: Workflow
                metadata: {name: broken}
                spec: {templates: [{name: a, steps: x}]}
                ---
                foo: bar
                """, "m.yaml");
        assertThat(documents).hasSize(4);
        assertThat(documents.get(0)).isInstanceOfSatisfying(ManifestDocument.TemplateDoc.class, d -> {
            assertThat(d.template().name()).isEqualTo("backfill-template");
            assertThat(d.template().kind()).isEqualTo("WorkflowTemplate");
        });
        assertThat(documents.get(1)).isInstanceOfSatisfying(ManifestDocument.WorkflowDoc.class,
                d -> assertThat(d.workflow().generateName()).isEqualTo("one-"));
        assertThat(documents.get(1).position()).isEqualTo("document 2 (line 6)");
        assertThat(documents.get(2)).isInstanceOfSatisfying(ManifestDocument.UnreadableWorkflow.class, d -> {
            assertThat(d.name()).isEqualTo("broken");
            assertThat(d.problem()).startsWith("spec.templates[0].steps must be a list");
        });
        assertThat(documents.get(3)).isEqualTo(new ManifestDocument.OtherDocument(4, 15,
                "a mapping without apiVersion and kind (keys: foo)"));
    }

    @Test
    void workflowTemplatesAndClusterWorkflowTemplatesAreReadWithTheirSpecAndScope() {
        List<ManifestDocument> documents = WorkflowCodec.readManifests("""
                apiVersion: argoproj.io/v1alpha1
                kind: ClusterWorkflowTemplate
                metadata: {name: lib, labels: {team: a}}
                spec:
                  podMetadata: {labels: {from: lib}}
                  templates: [{name: t, container: {image: a}}]
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: WorkflowTemplate
                metadata: {name: bad}
                spec: {templates: [{name: a, steps: x}]}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: CronWorkflow
                metadata: {name: nightly}
                """, "t.yaml");
        assertThat(documents.get(0)).isInstanceOfSatisfying(ManifestDocument.TemplateDoc.class, d -> {
            WorkflowTemplate t = d.template();
            assertThat(t.scope()).isEqualTo(ResourceScope.CLUSTER);
            assertThat(t.describe()).isEqualTo("ClusterWorkflowTemplate \"lib\"");
            assertThat(t.spec().template("t")).isPresent();
            assertThat(t.labels()).containsEntry("team", "a");
            assertThat(t.podMetadata().orElseThrow().path("labels").path("from").asText()).isEqualTo("lib");
            Workflow asWorkflow = t.asWorkflow();
            assertThat(asWorkflow.name()).isEmpty();
            assertThat(asWorkflow.labels()).containsEntry("team", "a");
            assertThat(asWorkflow.spec().template("t")).isPresent();
        });
        assertThat(documents.get(1)).isInstanceOfSatisfying(ManifestDocument.UnreadableTemplate.class, d -> {
            assertThat(d.kind()).isEqualTo("WorkflowTemplate");
            assertThat(d.problem()).startsWith("spec.templates[0].steps must be a list");
        });
        assertThat(documents.get(2)).isEqualTo(new ManifestDocument.OtherDocument(3, 13,
                "CronWorkflow \"nightly\" (argoproj.io/v1alpha1)"));
    }

    @Test
    void templateRefsAndStoredTemplatesKeepArgosShapeThroughTheCodec() {
        Workflow wf = WorkflowCodec.read("""
                metadata: {name: refs}
                spec:
                  workflowTemplateRef: {name: lib, clusterScope: true}
                status:
                  phase: Running
                  nodes:
                    refs-1:
                      id: refs-1
                      name: refs[0].a
                      type: Pod
                      templateRef: {name: lib, template: t, clusterScope: true}
                      templateScope: local/refs
                      phase: Running
                  storedTemplates:
                    cluster/lib/t: {name: t, container: {image: a}}
                  storedWorkflowTemplateSpec: {entrypoint: t}
                """, "refs.yaml");
        assertThat(wf.spec().workflowTemplateRef()).contains(new WorkflowTemplateRef("lib", true));
        NodeStatus node = wf.status().orElseThrow().nodes().get("refs-1");
        assertThat(node.templateRef()).contains(new TemplateRef("lib", "t", true));
        assertThat(node.templateLabel()).isEqualTo("lib/t");
        assertThat(node.podName("refs")).isEqualTo(PodNames.podName("refs", "refs[0].a", "t"));
        JsonNode written = WorkflowCodec.toTree(wf).path("status");
        assertThat(written.path("nodes").path("refs-1").toString()).contains(
                "\"type\":\"Pod\",\"templateRef\":{\"name\":\"lib\",\"template\":\"t\",\"clusterScope\":true},"
                        + "\"templateScope\":\"local/refs\"");
        List<String> fields = new java.util.ArrayList<>();
        written.fieldNames().forEachRemaining(fields::add);
        // Go's field order of WorkflowStatus: nodes, storedTemplates, ..., conditions, ..., storedWorkflowTemplateSpec.
        assertThat(fields).containsSubsequence("nodes", "storedTemplates", "storedWorkflowTemplateSpec");
        assertThat(written.path("storedTemplates").path("cluster/lib/t").path("container").path("image").asText())
                .isEqualTo("a");
        assertThat(written.path("storedWorkflowTemplateSpec").path("entrypoint").asText()).isEqualTo("t");
    }
}
