package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The object a status write sends: labels, annotation, kept fields, and Argo's compression above the limit. */
class StatusWriterTest {

    private static ObjectNode workflow(int nodes) throws Exception {
        StringBuilder status = new StringBuilder("{\"phase\":\"Running\",\"artifactRepositoryRef\":{\"default\":true},"
                + "\"nodes\":{");
        for (int i = 0; i < nodes; i++) {
            status.append(i == 0 ? "" : ",").append("\"wf-").append(i).append("\":{\"id\":\"wf-").append(i)
                    .append("\",\"name\":\"wf[").append(i).append("].step-with-a-longish-name\",\"displayName\":"
                            + "\"step\",\"type\":\"Pod\",\"templateName\":\"work\",\"phase\":\"Succeeded\","
                            + "\"boundaryID\":\"wf\",\"startedAt\":\"2026-01-01T00:00:00Z\","
                            + "\"finishedAt\":\"2026-01-01T00:00:01Z\",\"progress\":\"1/1\"}");
        }
        status.append("}}");
        return (ObjectNode) KubeJson.JSON.readTree("{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Workflow\","
                + "\"metadata\":{\"name\":\"wf\",\"namespace\":\"ns\",\"resourceVersion\":\"42\",\"labels\":{\"team\":"
                + "\"a\"}},\"spec\":{\"entrypoint\":\"main\",\"templates\":[{\"name\":\"main\",\"container\":"
                + "{\"image\":\"alpine\"}}]},\"status\":" + status + "}");
    }

    private static WorkflowStatus statusOf(ObjectNode object) {
        return WorkflowCodec.read(object.deepCopy(), "test").status().orElseThrow();
    }

    @Test
    void theDocumentCarriesTheVersionArgosLabelsAndAnnotationAndKeepsUnknownStatusFields() throws Exception {
        ObjectNode base = workflow(2);
        ObjectNode doc = StatusWriter.document(base, statusOf(base), Map.of("workflows.argoproj.io/phase", "Running",
                "workflows.argoproj.io/completed", "false", "other", "ignored"));
        JsonNode metadata = doc.get("metadata");
        assertThat(metadata.path("resourceVersion").asText()).isEqualTo("42");
        assertThat(metadata.path("labels").path("team").asText()).isEqualTo("a");
        assertThat(metadata.path("labels").path("workflows.argoproj.io/phase").asText()).isEqualTo("Running");
        assertThat(metadata.path("labels").has("other")).isFalse();
        assertThat(metadata.path("annotations").path("workflows.argoproj.io/pod-name-format").asText()).isEqualTo("v2");
        assertThat(doc.path("status").path("artifactRepositoryRef").path("default").asBoolean()).isTrue();
        assertThat(doc.path("status").path("nodes").size()).isEqualTo(2);
        assertThat(base.path("metadata").path("labels").has("workflows.argoproj.io/phase")).as("base untouched")
                .isFalse();
    }

    @Test
    void aWorkflowAboveTheLimitIsWrittenWithCompressedNodesThatReadBackTheSame() throws Exception {
        ObjectNode base = workflow(5000);
        StatusWriter writer = new StatusWriter(null, CompressedNodes.DEFAULT_MAX_WORKFLOW_SIZE);
        WorkflowStatus status = statusOf(base);
        ObjectNode doc = StatusWriter.document(base, status, Map.of());
        int plain = KubeJson.JSON.writeValueAsBytes(doc).length;
        assertThat(plain).isGreaterThan(CompressedNodes.DEFAULT_MAX_WORKFLOW_SIZE);

        byte[] written = writer.encode(doc);
        assertThat(written.length).isLessThanOrEqualTo(CompressedNodes.DEFAULT_MAX_WORKFLOW_SIZE);
        ObjectNode stored = (ObjectNode) KubeJson.JSON.readTree(written);
        assertThat(stored.path("status").has("nodes")).isFalse();
        assertThat(stored.path("status").path("compressedNodes").asText()).isNotEmpty();

        WorkflowStatus readBack = statusOf(CompressedNodes.expand(stored));
        assertThat(readBack.nodes()).isEqualTo(status.nodes());
    }

    @Test
    void nodesAloneAboveTheLimitAreCompressedAndEveryOtherFieldIsWrittenAsItWas() throws Exception {
        ObjectNode base = workflow(6000);
        ObjectNode doc = StatusWriter.document(base, statusOf(base), Map.of());
        ObjectNode plain = doc.deepCopy();
        assertThat(KubeJson.JSON.writeValueAsBytes(plain.path("status").path("nodes")).length)
                .isGreaterThan(CompressedNodes.DEFAULT_MAX_WORKFLOW_SIZE);

        CompressedNodes.Encoded encoded = CompressedNodes.encode(doc);

        assertThat(encoded.fits()).isTrue();
        assertThat(encoded.compressed()).isTrue();
        ObjectNode stored = (ObjectNode) KubeJson.JSON.readTree(encoded.bytes());
        assertThat(CompressedNodes.decompress(stored.path("status").path("compressedNodes").asText()))
                .isEqualTo(plain.path("status").path("nodes"));
        ((ObjectNode) stored.get("status")).remove("compressedNodes");
        ((ObjectNode) plain.get("status")).remove("nodes");
        assertThat(stored).isEqualTo(plain);
    }

    @Test
    void aWorkflowAtTheLimitIsNotCompressed() throws Exception {
        ObjectNode base = workflow(10);
        ObjectNode doc = StatusWriter.document(base, statusOf(base), Map.of());
        int size = KubeJson.JSON.writeValueAsBytes(doc).length;
        assertThat(KubeJson.JSON.readTree(new StatusWriter(null, size).encode(doc)).path("status").has("nodes"))
                .isTrue();
        ObjectNode again = StatusWriter.document(base, statusOf(base), Map.of());
        assertThat(KubeJson.JSON.readTree(new StatusWriter(null, size - 1).encode(again)).path("status")
                .has("compressedNodes")).isTrue();
    }

    @Test
    void aWorkflowTooLargeEvenCompressedIsRefusedWithArgosMessage() throws Exception {
        ObjectNode base = workflow(1);
        ((ObjectNode) base.get("spec")).put("huge", "x".repeat(5000));
        ObjectNode doc = StatusWriter.document(base, statusOf(base), Map.of());
        assertThatThrownBy(() -> new StatusWriter(null, 4096).encode(doc)).isInstanceOf(StatusWriter.TooLarge.class)
                .hasMessageStartingWith("workflow is longer than maximum allowed size. compressed size ")
                .hasMessageEndingWith(" > maxSize 4096");
    }

    @Test
    void compressedNodesAreGzipAndBase64AsArgoReadsThem() throws Exception {
        JsonNode nodes = KubeJson.JSON.readTree("{\"a\":{\"id\":\"a\"}}");
        String compressed = CompressedNodes.compress(nodes);
        byte[] gz = java.util.Base64.getDecoder().decode(compressed);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("{\"a\":{\"id\":\"a\"}}");
        }
        assertThatThrownBy(() -> CompressedNodes.decompress("not base64 gzip"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status.compressedNodes");
    }
}
