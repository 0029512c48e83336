package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/** Where a Workflow's spec refers to WorkflowTemplates: {@code workflowTemplateRef}, or the first {@code templateRef}. */
final class TemplateReferenceUse {

    private TemplateReferenceUse() {
    }

    /** {@code spec.workflowTemplateRef}, {@code templateRef (NAME.TEMPLATE)}, or empty when there is none. */
    static Optional<String> first(JsonNode spec) {
        if (spec.hasNonNull("workflowTemplateRef")) {
            return Optional.of("spec.workflowTemplateRef");
        }
        return find(spec, 0);
    }

    private static Optional<String> find(JsonNode node, int depth) {
        if (depth > 200) {
            return Optional.empty();
        }
        if (node.isObject()) {
            JsonNode ref = node.get("templateRef");
            if (ref != null && ref.isObject()) {
                return Optional.of("templateRef (" + ref.path("name").asText("") + "." + ref.path("template").asText("")
                        + ")");
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                Optional<String> found = find(e.getValue(), depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                Optional<String> found = find(item, depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
