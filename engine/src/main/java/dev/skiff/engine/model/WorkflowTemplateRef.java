package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * Argo's {@code spec.workflowTemplateRef}: the Workflow runs the spec of a WorkflowTemplate (or, with
 * {@code clusterScope}, a ClusterWorkflowTemplate), its own spec merged over it.
 *
 * @param name         the referenced resource's {@code metadata.name}
 * @param clusterScope whether it is a ClusterWorkflowTemplate
 */
public record WorkflowTemplateRef(String name, boolean clusterScope) {

    public WorkflowTemplateRef {
        Objects.requireNonNull(name, "name");
    }

    /** Argo's {@code ToTemplateRef}: the same resource, one of its templates. */
    public TemplateRef toTemplateRef(String template) {
        return new TemplateRef(name, template, clusterScope);
    }

    /** The scope of the referenced resource. */
    public ResourceScope scope() {
        return clusterScope ? ResourceScope.CLUSTER : ResourceScope.NAMESPACED;
    }

    static Optional<WorkflowTemplateRef> read(JsonNode spec, String path) {
        return JsonFields.object(spec, "workflowTemplateRef", path).map(r -> new WorkflowTemplateRef(
                JsonFields.text(r, "name", path + ".workflowTemplateRef"),
                JsonFields.bool(r, "clusterScope", path + ".workflowTemplateRef").orElse(false)));
    }
}
