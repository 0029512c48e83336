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
 * @param hasTemplateRef whether it uses {@code templateRef} (not supported)
 */
public record LifecycleHook(String template, Arguments arguments, String expression, boolean hasTemplateRef) {

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
                    JsonFields.text(h, "expression", p), JsonFields.has(h, "templateRef")));
        }));
        return out;
    }
}
