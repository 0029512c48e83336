package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Argo Workflow document ({@code argoproj.io/v1alpha1}, kind {@code Workflow}). Unknown fields
 * survive: the document is kept as written and only {@code metadata} and {@code status} are rewritten.
 * Immutable: the {@code with...} methods return changed copies.
 */
public final class Workflow {

    private final ObjectNode document;
    private final String sourceName;
    private final WorkflowSpec spec;
    private final Optional<WorkflowStatus> status;

    Workflow(ObjectNode document, String sourceName, Optional<WorkflowStatus> status) {
        this.document = Objects.requireNonNull(document, "document");
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.status = Objects.requireNonNull(status, "status");
        JsonNode metadataNode = document.get("metadata");
        if (metadataNode != null && !metadataNode.isNull() && !metadataNode.isObject()) {
            throw JsonFields.mismatch("metadata", "an object", metadataNode);
        }
        JsonNode specNode = document.get("spec");
        if (specNode != null && !specNode.isNull() && !specNode.isObject()) {
            throw JsonFields.mismatch("spec", "an object", specNode);
        }
        ObjectNode specObject = specNode instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        this.spec = WorkflowSpec.read(specObject, "spec");
    }

    /**
     * The Workflow {@code argo submit --from workflowtemplate/NAME} creates (Argo's
     * {@code NewWorkflowFromWorkflowTemplate}): {@code generateName: NAME-}, the label
     * {@code workflows.argoproj.io/workflow-template} (or {@code cluster-workflow-template}) and a spec holding only
     * {@code workflowTemplateRef}.
     */
    public static Workflow fromWorkflowTemplate(String name, boolean clusterScope, String sourceName) {
        ObjectNode wf = JsonNodeFactory.instance.objectNode();
        wf.put("apiVersion", "argoproj.io/v1alpha1");
        wf.put("kind", "Workflow");
        ObjectNode metadata = wf.putObject("metadata");
        metadata.put("generateName", name + "-");
        metadata.putObject("labels").put(clusterScope ? "workflows.argoproj.io/cluster-workflow-template"
                : "workflows.argoproj.io/workflow-template", name);
        ObjectNode ref = wf.putObject("spec").putObject("workflowTemplateRef");
        ref.put("name", name);
        if (clusterScope) {
            ref.put("clusterScope", true);
        }
        return new Workflow(wf, sourceName, Optional.empty());
    }

    /** {@code metadata.name}, or "" before a generated name was assigned. */
    public String name() {
        return metadataText("name");
    }

    /** {@code metadata.generateName} or "". */
    public String generateName() {
        return metadataText("generateName");
    }

    /** {@code metadata.namespace} or "". */
    public String namespace() {
        return metadataText("namespace");
    }

    /** {@code metadata.uid} or "". */
    public String uid() {
        return metadataText("uid");
    }

    /** {@code metadata.creationTimestamp}, if set and readable. */
    public Optional<Instant> creationTimestamp() {
        String text = metadataText("creationTimestamp");
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code metadata.labels}. */
    public Map<String, String> labels() {
        return JsonFields.stringMap(metadata(), "labels", "metadata");
    }

    /** {@code metadata.annotations}. */
    public Map<String, String> annotations() {
        return JsonFields.stringMap(metadata(), "annotations", "metadata");
    }

    /** Where the document came from (a file name), for messages. */
    public String sourceName() {
        return sourceName;
    }

    /** The interpreted spec. */
    public WorkflowSpec spec() {
        return spec;
    }

    /** The status, once the workflow ran. */
    public Optional<WorkflowStatus> status() {
        return status;
    }

    /** This workflow with another status. */
    public Workflow withStatus(WorkflowStatus newStatus) {
        return new Workflow(document, sourceName, Optional.of(newStatus));
    }

    /** This workflow with a metadata field set to a text value. */
    public Workflow withMetadata(String field, String value) {
        ObjectNode copy = document.deepCopy();
        copy.withObjectProperty("metadata").put(field, value);
        return new Workflow(copy, sourceName, status);
    }

    /** This workflow with these labels added or replaced. */
    public Workflow withLabels(Map<String, String> newLabels) {
        ObjectNode copy = document.deepCopy();
        ObjectNode labels = copy.withObjectProperty("metadata").withObjectProperty("labels");
        newLabels.forEach(labels::put);
        return new Workflow(copy, sourceName, status);
    }

    /**
     * This workflow with {@code spec.arguments.parameters} overridden as {@code argo submit -p NAME=VALUE}
     * does: overridden parameters first, in the given order, then the others. Unlike Argo, an overridden
     * parameter keeps its other fields (such as {@code enum}), so that enums still constrain the value.
     */
    public Workflow withParameterOverrides(Map<String, String> overrides) {
        ObjectNode copy = document.deepCopy();
        ObjectNode arguments = copy.withObjectProperty("spec").withObjectProperty("arguments");
        JsonNode existing = arguments.get("parameters");
        com.fasterxml.jackson.databind.node.ArrayNode params = arguments.putArray("parameters");
        java.util.Map<String, ObjectNode> byName = new java.util.LinkedHashMap<>();
        if (existing != null && existing.isArray()) {
            for (JsonNode p : existing) {
                if (p instanceof ObjectNode o) {
                    byName.putIfAbsent(o.path("name").asText(""), o);
                }
            }
        }
        overrides.forEach((name, value) -> {
            ObjectNode p = byName.containsKey(name) ? byName.get(name).deepCopy()
                    : JsonNodeFactory.instance.objectNode().put("name", name);
            p.put("value", value);
            p.remove("valueFrom");
            params.add(p);
        });
        if (existing != null && existing.isArray()) {
            for (JsonNode p : existing) {
                if (!overrides.containsKey(p.path("name").asText(""))) {
                    params.add(p.deepCopy());
                }
            }
        }
        return new Workflow(copy, sourceName, status);
    }

    /** A copy of the document as written, without the status. */
    public ObjectNode document() {
        ObjectNode copy = document.deepCopy();
        copy.remove("status");
        return copy;
    }

    ObjectNode documentView() {
        return document;
    }

    private ObjectNode metadata() {
        JsonNode metadata = document.get("metadata");
        return metadata instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
    }

    private String metadataText(String field) {
        JsonNode value = metadata().get(field);
        return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText();
    }

    @Override
    public String toString() {
        return "Workflow[" + (name().isEmpty() ? generateName() : name()) + " from " + sourceName + "]";
    }
}
