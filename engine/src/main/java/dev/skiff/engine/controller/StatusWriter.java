package dev.skiff.engine.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowStatus;
import java.util.Map;
import java.util.Set;

/**
 * Writes a workflow's status as Argo does: the whole object with an update (PUT) that carries the
 * resourceVersion it was built from (optimistic concurrency: a 409 means someone else wrote first), the labels
 * {@code workflows.argoproj.io/phase} and {@code workflows.argoproj.io/completed} with it, and the nodes
 * gzip-compressed into {@code status.compressedNodes} when the object would be larger than the maximum size.
 */
final class StatusWriter {

    static final String POD_NAME_FORMAT = "workflows.argoproj.io/pod-name-format";
    /** Status fields Skiff writes; any other field of the status is kept as it was. */
    private static final Set<String> OWN_STATUS_FIELDS = Set.of("phase", "startedAt", "finishedAt", "progress",
            "message", "nodes", "outputs", "conditions", "compressedNodes");

    /**
     * The labels Argo's controller sets on the Workflow: phase, completed, and for a {@code workflowTemplateRef}
     * the template it runs ({@code setWfTemplateLabel}).
     */
    private static final Set<String> ARGO_LABELS = Set.of("workflows.argoproj.io/phase",
            "workflows.argoproj.io/completed", "workflows.argoproj.io/workflow-template",
            "workflows.argoproj.io/cluster-workflow-template");

    private final KubeJson api;
    private final int maxSize;

    StatusWriter(KubeJson api, int maxSize) {
        this.api = api;
        this.maxSize = maxSize;
    }

    /** The workflow is larger than the maximum size even with its nodes compressed. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The object to write: {@code base}'s fields (metadata with its resourceVersion, spec, anything else), the
     * given phase/completed labels, Argo's pod-name-format annotation, and the status.
     */
    static ObjectNode document(ObjectNode base, WorkflowStatus status, Map<String, String> labels) {
        ObjectNode out = KubeJson.JSON.createObjectNode();
        base.properties().forEach(e -> {
            if (!e.getKey().equals("status")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        ObjectNode metadata = base.path("metadata") instanceof ObjectNode m ? m.deepCopy()
                : KubeJson.JSON.createObjectNode();
        ObjectNode labelNode = metadata.withObjectProperty("labels");
        for (String label : ARGO_LABELS) {
            String value = labels.get(label);
            if (value != null) {
                labelNode.put(label, value);
            }
        }
        ObjectNode annotations = metadata.withObjectProperty("annotations");
        if (!annotations.has(POD_NAME_FORMAT)) {
            annotations.put(POD_NAME_FORMAT, "v2");
        }
        out.set("metadata", metadata);
        ObjectNode statusNode = KubeJson.JSON.createObjectNode();
        JsonNode old = base.path("status");
        if (old instanceof ObjectNode o) {
            o.properties().forEach(e -> {
                if (!OWN_STATUS_FIELDS.contains(e.getKey())) {
                    statusNode.set(e.getKey(), e.getValue());
                }
            });
        }
        statusNode.setAll(WorkflowCodec.statusTree(status));
        out.set("status", statusNode);
        return out;
    }

    /** Writes the object; returns what the API server stored. */
    ObjectNode write(WorkflowKey key, ObjectNode document) throws ApiFailure, TooLarge {
        return api.put(path(key), encode(document));
    }

    /** Writes the object as it is, whatever its size (a failure that must be recorded). */
    ObjectNode writeUnchecked(WorkflowKey key, ObjectNode document) throws ApiFailure {
        return api.put(path(key), bytes(document));
    }

    /** The object's JSON, with the nodes compressed when it is larger than the maximum size. */
    byte[] encode(ObjectNode document) throws TooLarge {
        // The document is the writer's own (built by document()): its status may change in place.
        CompressedNodes.Encoded encoded = CompressedNodes.encode(document, maxSize);
        if (!encoded.fits()) {
            throw tooLarge(encoded.bytes().length);
        }
        return encoded.bytes();
    }

    private TooLarge tooLarge(int size) {
        // Argo's packer message; Skiff has no node status offloading to fall back on.
        return new TooLarge("workflow is longer than maximum allowed size. compressed size " + size + " > maxSize "
                + maxSize);
    }

    static String path(WorkflowKey key) {
        return "/apis/argoproj.io/v1alpha1/namespaces/" + key.namespace() + "/workflows/" + key.name();
    }

    private static byte[] bytes(ObjectNode document) {
        try {
            return KubeJson.JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the workflow as JSON", e);
        }
    }
}
