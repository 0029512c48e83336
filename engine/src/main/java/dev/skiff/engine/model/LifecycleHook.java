package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lifecycle hook ({@code hooks.<event>}); the {@code exit} hook is the exit handler.
 *
 * @param template       template to run
 * @param arguments      arguments for it
 * @param expression     run when this expression becomes true (not for exit hooks)
 * @param templateRef    the template of a WorkflowTemplate to run instead of {@code template}
 */
public record LifecycleHook(String template, Arguments arguments, String expression,
                            java.util.Optional<TemplateRef> templateRef) {

    /** Whether it uses {@code templateRef}. */
    public boolean hasTemplateRef() {
        return templateRef.isPresent();
    }

    /** The name of the exit event. */
    public static final String EXIT = "exit";

    static Map<String, LifecycleHook> readAll(JsonNode parent, String path) {
        Map<String, LifecycleHook> out = new LinkedHashMap<>();
        JsonFields.object(parent, "hooks", path).ifPresent(hooks -> hooks.properties().forEach(e -> {
            String p = path + ".hooks." + e.getKey();
            JsonNode h = e.getValue();
            if (!h.isObject()) {
                throw JsonFields.mismatch(p, "an object", h);
            }
            out.put(e.getKey(), new LifecycleHook(JsonFields.text(h, "template", p), Arguments.read(h, p),
                    JsonFields.text(h, "expression", p), TemplateRef.read(h, p)));
        }));
        return out;
    }
}
