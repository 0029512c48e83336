package dev.skiff.engine.cli;

import static dev.skiff.engine.cli.TestingWorkflowObjects.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Nodes a controller stored in {@code status.compressedNodes} (base64 of gzip, Argo's packer). */
class CompressedNodesTest {

    private static final ObjectNode NODES = json("{'wf': {'id': 'wf', 'name': 'wf', 'type': 'Steps', 'phase':"
            + " 'Running'}, 'wf-1': {'id': 'wf-1', 'name': 'wf[0].approve', 'displayName': 'approve', 'type':"
            + " 'Suspend', 'phase': 'Running'}}");

    /** Compressed as Go's gzip writer and base64.StdEncoding would, independently of the code under test. */
    private static String gzipBase64(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static ObjectNode compressed() throws IOException {
        ObjectNode wf = json("{'metadata': {'name': 'wf', 'resourceVersion': '7'}, 'status': {'phase': 'Running'}}");
        ((ObjectNode) wf.get("status")).put("compressedNodes", gzipBase64(NODES.toString()));
        return wf;
    }

    @Test
    void nodesAreRestoredForShowingAndTheStoredObjectIsLeftAlone() throws IOException {
        ObjectNode wf = compressed();

        ObjectNode expanded = CompressedNodes.expanded(wf);

        assertThat(expanded.path("status").path("nodes")).isEqualTo(NODES);
        assertThat(expanded.path("status").has("compressedNodes")).isFalse();
        assertThat(wf.path("status").has("nodes")).isFalse();
        assertThat(WorkflowStatusText.of(expanded)).isEqualTo("Running (Suspended)");
        assertThat(WorkflowObjects.toWorkflow(wf).status().orElseThrow().nodes()).containsKeys("wf", "wf-1");
    }

    @Test
    void resumingACompressedWorkflowWritesTheChangedNodesCompressedAgain() throws IOException {
        ObjectNode patch = SuspendNodes.resumePatch(compressed(), Instant.parse("2026-01-01T10:00:00Z")).orElseThrow();

        assertThat(patch.path("status").has("nodes")).isFalse();
        ObjectNode after = json("{'metadata': {'name': 'wf'}, 'status': {}}");
        ((ObjectNode) after.get("status")).set("compressedNodes", patch.path("status").path("compressedNodes"));
        ObjectNode nodes = (ObjectNode) CompressedNodes.expanded(after).path("status").path("nodes");
        assertThat(nodes.path("wf-1").path("phase").asText()).isEqualTo("Succeeded");
        assertThat(nodes.path("wf-1").path("finishedAt").asText()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(nodes.path("wf-1").has("message")).isFalse();
        assertThat(nodes.path("wf")).isEqualTo(NODES.path("wf"));
    }

    @Test
    void otherCompressionsAndBrokenTextAreOneLineFailures() {
        ObjectNode zstd = json("{'metadata': {'name': 'wf'}, 'status': {}}");
        ((ObjectNode) zstd.get("status")).put("compressedNodes", Base64.getEncoder().encodeToString(
                new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0}));
        ObjectNode broken = json("{'metadata': {'name': 'wf'}, 'status': {'compressedNodes': '%%%'}}");

        assertThatThrownBy(() -> CompressedNodes.expanded(zstd)).isInstanceOf(CommandFailedException.class)
                .hasMessage("workflow wf: status.compressedNodes is not gzip (Skiff reads only Argo's default"
                        + " compression)");
        assertThatThrownBy(() -> CompressedNodes.expanded(broken)).isInstanceOf(CommandFailedException.class)
                .hasMessage("workflow wf: status.compressedNodes is not base64");
    }
}
