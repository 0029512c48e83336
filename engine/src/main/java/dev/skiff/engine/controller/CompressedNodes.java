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

    private CompressedNodes() {
    }

    /** The compressed form of a {@code status.nodes} object. */
    public static String compress(JsonNode nodes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            JSON.writeValue(gzip, nodes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
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
