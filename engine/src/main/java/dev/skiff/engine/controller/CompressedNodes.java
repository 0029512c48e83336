package dev.skiff.engine.controller;

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
 * Argo's {@code status.compressedNodes} ({@code workflow/packer/packer.go}, {@code util/file}): the JSON of
 * {@code status.nodes}, gzip-compressed and base64-encoded, stored instead of the nodes when the whole Workflow
 * would be larger than the maximum size (1 MiB by default).
 */
public final class CompressedNodes {

    /** Argo's default MAX_WORKFLOW_SIZE. */
    public static final int DEFAULT_MAX_WORKFLOW_SIZE = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Fewer bytes than a node of Argo's status takes (id, name, displayName, type, phase, times: 250-500 bytes):
     * with at least maxSize / this many nodes the object is most likely above the maximum.
     */
    private static final int LIKELY_NODE_BYTES = 200;

    private CompressedNodes() {
    }

    /** The compressed form of a {@code status.nodes} object. */
    public static String compress(JsonNode nodes) {
        return compress(json(nodes));
    }

    /** The compressed form of the JSON of a {@code status.nodes} object. */
    private static String compress(byte[] nodesJson) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(nodesJson.length / 8 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024)) {
            gzip.write(nodesJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * A Workflow's JSON as it is written: as it is when it is at most {@code maxSize} bytes, else with
     * {@code status.nodes} replaced by {@code status.compressedNodes} (Argo's packer). {@code fits} is false when
     * even that is larger. The nodes are serialised once: when they alone exceed the maximum the whole object is
     * not serialised to learn its size, and the compressed form is made from those bytes (a large status used to
     * be serialised three times per write). Which comes first is guessed from the number of nodes; either way the
     * result is the same. The document's status is changed in place when the nodes are
     * compressed.
     */
    public static Encoded encode(ObjectNode document) {
        return encode(document, DEFAULT_MAX_WORKFLOW_SIZE);
    }

    /** Likewise, with another maximum size. */
    public static Encoded encode(ObjectNode document, int maxSize) {
        JsonNode nodes = document.path("status").get("nodes");
        if (nodes == null || nodes.isEmpty()) {
            byte[] bytes = json(document);
            return new Encoded(bytes, bytes.length <= maxSize, false);
        }
        byte[] nodesJson = null;
        if (nodes.size() >= maxSize / LIKELY_NODE_BYTES) {
            // Likely too large: the nodes first, and the whole object only if they alone fit.
            nodesJson = json(nodes);
        }
        if (nodesJson == null || nodesJson.length <= maxSize) {
            byte[] bytes = json(document);
            if (bytes.length <= maxSize) {
                return new Encoded(bytes, true, false);
            }
        }
        if (nodesJson == null) {
            nodesJson = json(nodes);
        }
        ObjectNode status = (ObjectNode) document.get("status");
        status.remove("nodes");
        status.put("compressedNodes", compress(nodesJson));
        byte[] smaller = json(document);
        return new Encoded(smaller, smaller.length <= maxSize, true);
    }

    /** A Workflow's JSON as written; {@code fits}: within the maximum size; {@code compressed}: nodes compressed. */
    public record Encoded(byte[] bytes, boolean fits, boolean compressed) {
    }

    private static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code status.nodes} object a compressed form holds; fails with a message when it is not one. */
    public static ObjectNode decompress(String compressed) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(
                Base64.getDecoder().decode(compressed.strip())))) {
            JsonNode nodes = JSON.readTree(gzip);
            if (nodes instanceof ObjectNode o) {
                return o;
            }
            throw new IllegalArgumentException("status.compressedNodes does not hold an object of nodes");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("status.compressedNodes cannot be read: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    /**
     * A Workflow object as read from the API server with its nodes in {@code status.nodes}: compressed nodes
     * are expanded (Argo's hydrator reads both forms). The given object is changed in place and returned.
     */
    public static ObjectNode expand(ObjectNode workflow) {
        JsonNode status = workflow.get("status");
        if (status instanceof ObjectNode s && s.path("compressedNodes").isTextual()
                && !s.get("compressedNodes").textValue().isEmpty()
                && (!s.has("nodes") || s.get("nodes").isEmpty())) {
            s.set("nodes", decompress(s.get("compressedNodes").textValue()));
            s.remove("compressedNodes");
        }
        return workflow;
    }
}
