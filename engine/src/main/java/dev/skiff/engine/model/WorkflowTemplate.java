package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code WorkflowTemplate} or {@code ClusterWorkflowTemplate} document ({@code argoproj.io/v1alpha1}): a
 * Workflow spec kept in the cluster, whose templates other workflows call with {@code templateRef} and whose
 * whole spec a Workflow runs with {@code spec.workflowTemplateRef}. Unknown fields survive. Immutable.
 */
public final class WorkflowTemplate {

    /** The kind of a WorkflowTemplate. */
    public static final String KIND = "WorkflowTemplate";
    /** The kind of a ClusterWorkflowTemplate. */
    public static final String CLUSTER_KIND = "ClusterWorkflowTemplate";

    private final ObjectNode document;
    private final String sourceName;
    private final WorkflowSpec spec;
    private final ResourceScope scope;

    private WorkflowTemplate(ObjectNode document, String sourceName, ResourceScope scope) {
        this.document = Objects.requireNonNull(document, "document");
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.scope = Objects.requireNonNull(scope, "scope");
        JsonNode metadata = document.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw JsonFields.mismatch("metadata", "an object", metadata);
        }
        JsonNode specNode = document.get("spec");
        if (specNode != null && !specNode.isNull() && !specNode.isObject()) {
            throw JsonFields.mismatch("spec", "an object", specNode);
        }
        ObjectNode specObject = specNode instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        this.spec = WorkflowSpec.read(specObject, "spec");
    }

    /**
     * Reads a document of kind {@code WorkflowTemplate} or {@code ClusterWorkflowTemplate} (the copy is kept).
     *
     * @throws WorkflowFormatException when a field has the wrong type, naming the field (not the source)
     * @throws IllegalArgumentException when the kind is neither
     */
    public static WorkflowTemplate read(ObjectNode document, String sourceName) {
        String kind = document.path("kind").asText("");
        ResourceScope scope = switch (kind) {
            case KIND -> ResourceScope.NAMESPACED;
            case CLUSTER_KIND -> ResourceScope.CLUSTER;
            default -> throw new IllegalArgumentException("not a WorkflowTemplate or ClusterWorkflowTemplate: " + kind);
        };
        return new WorkflowTemplate(document.deepCopy(), sourceName, scope);
    }

    /** {@link ResourceScope#NAMESPACED} for a WorkflowTemplate, {@link ResourceScope#CLUSTER} for a cluster one. */
    public ResourceScope scope() {
        return scope;
    }

    /** {@code WorkflowTemplate} or {@code ClusterWorkflowTemplate}. */
    public String kind() {
        return scope == ResourceScope.CLUSTER ? CLUSTER_KIND : KIND;
    }

    /** {@code metadata.name} or "". */
    public String name() {
        return metadataText("name");
    }

    /** {@code metadata.namespace} or "" (always "" that matters for a ClusterWorkflowTemplate). */
    public String namespace() {
        return metadataText("namespace");
    }

    /** {@code metadata.labels}. */
    public Map<String, String> labels() {
        return JsonFields.stringMap(metadata(), "labels", "metadata");
    }

    /** {@code metadata.annotations}. */
    public Map<String, String> annotations() {
        return JsonFields.stringMap(metadata(), "annotations", "metadata");
    }

    /** The spec, as a Workflow's. */
    public WorkflowSpec spec() {
        return spec;
    }

    /** Where the document came from (a file name), for messages. */
    public String sourceName() {
        return sourceName;
    }

    /** A copy of the document as written. */
    public ObjectNode document() {
        return document.deepCopy();
    }

    /** {@code spec.podMetadata}, which Argo adds to the templates taken from this resource. */
    public Optional<ObjectNode> podMetadata() {
        JsonNode value = spec.raw().get("podMetadata");
        return value instanceof ObjectNode o ? Optional.of(o.deepCopy()) : Optional.empty();
    }

    /**
     * The Workflow Argo validates in place of this template ({@code validate.WorkflowTemplate}): its labels,
     * annotations and spec, without a name.
     */
    public Workflow asWorkflow() {
        ObjectNode wf = JsonNodeFactory.instance.objectNode();
        wf.put("apiVersion", "argoproj.io/v1alpha1");
        wf.put("kind", "Workflow");
        ObjectNode metadata = wf.putObject("metadata");
        JsonNode labels = metadata().get("labels");
        if (labels instanceof ObjectNode l) {
            metadata.set("labels", l.deepCopy());
        }
        JsonNode annotations = metadata().get("annotations");
        if (annotations instanceof ObjectNode a) {
            metadata.set("annotations", a.deepCopy());
        }
        wf.set("spec", spec.raw().deepCopy());
        return new Workflow(wf, sourceName, Optional.empty());
    }

    /** {@code metadata.generateName} or "". */
    public String generateName() {
        return metadataText("generateName");
    }

    /** For messages: {@code WorkflowTemplate "print-message"}. */
    public String describe() {
        return kind() + " \"" + name() + "\"";
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
        return kind() + "[" + name() + " from " + sourceName + "]";
    }
}
