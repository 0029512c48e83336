package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * Argo's {@code templateRef}: a template of a WorkflowTemplate ({@code clusterScope: false}) or of a
 * ClusterWorkflowTemplate, called from a step, a task, a hook or an exit handler.
 *
 * @param name         the WorkflowTemplate's or ClusterWorkflowTemplate's {@code metadata.name}
 * @param template     the name of the template in it
 * @param clusterScope whether {@code name} is a ClusterWorkflowTemplate
 */
public record TemplateRef(String name, String template, boolean clusterScope) {

    public TemplateRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
    }

    /** The scope of the resource the reference points at. */
    public ResourceScope scope() {
        return clusterScope ? ResourceScope.CLUSTER : ResourceScope.NAMESPACED;
    }

    /** Argo's JSON: {@code name}, {@code template}, {@code clusterScope} (only when true). */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (!name.isEmpty()) {
            out.put("name", name);
        }
        if (!template.isEmpty()) {
            out.put("template", template);
        }
        if (clusterScope) {
            out.put("clusterScope", true);
        }
        return out;
    }

    /** The {@code templateRef} field of {@code parent}, if set; type errors name the path. */
    static Optional<TemplateRef> read(JsonNode parent, String path) {
        return JsonFields.object(parent, "templateRef", path).map(r -> readObject(r, path + ".templateRef"));
    }

    static TemplateRef readObject(JsonNode ref, String path) {
        return new TemplateRef(JsonFields.text(ref, "name", path), JsonFields.text(ref, "template", path),
                JsonFields.bool(ref, "clusterScope", path).orElse(false));
    }
}
