package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code status.compressedNodes}: where a controller keeps the nodes of a Workflow too large for
 * etcd (Argo's {@code MAX_WORKFLOW_SIZE}), base64 of the gzip of the nodes' JSON. Read back as Argo's
 * CLI does before showing or changing nodes. Argo's other algorithms (zstd, brotli, opt-in through
 * an environment variable) are not read. Pure.
 */
final class CompressedNodes {

    static final String FIELD = "compressedNodes";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

    private CompressedNodes() {
    }

    /** Whether the workflow's nodes are stored compressed (and not also plainly). */
    static boolean isCompressed(JsonNode wf) {
        JsonNode status = wf.path("status");
        return !status.path(FIELD).asText("").isEmpty() && status.path("nodes").isEmpty();
    }

    /**
     * The workflow with {@code status.nodes} restored from {@code status.compressedNodes} (a copy);
     * the workflow itself when its nodes are not compressed.
     *
     * @throws CommandFailedException when the field cannot be read
     */
    static ObjectNode expanded(ObjectNode wf) {
        if (!isCompressed(wf)) {
            return wf;
        }
        ObjectNode copy = wf.deepCopy();
        ObjectNode status = (ObjectNode) copy.get("status");
        status.set("nodes", decode(status.path(FIELD).asText(), WorkflowObjects.name(wf)));
        status.remove(FIELD);
        return copy;
    }

    /** The nodes as a controller stores them compressed. */
    static String encode(JsonNode nodes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(JSON.writeValueAsBytes(nodes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static JsonNode decode(String text, String workflow) {
        String where = "workflow " + workflow + ": status.compressedNodes ";
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(where + "is not base64");
        }
        if (compressed.length < 2 || compressed[0] != GZIP_MAGIC[0] || compressed[1] != GZIP_MAGIC[1]) {
            throw new CommandFailedException(where + "is not gzip (Skiff reads only Argo's default compression)");
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            JsonNode nodes = JSON.readTree(in);
            if (nodes == null || !nodes.isObject()) {
                throw new CommandFailedException(where + "holds no node map");
            }
            return nodes;
        } catch (IOException e) {
            throw new CommandFailedException(where + "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
