package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One step of a steps template ({@code steps[i][j]}). */
public record WorkflowStep(String name, String template, Arguments arguments, List<JsonNode> withItems,
                           String withParam, Optional<Sequence> withSequence, String when,
                           Optional<ContinueOn> continueOn, String onExit, Map<String, LifecycleHook> hooks,
                           Optional<TemplateRef> templateRef, Optional<ObjectNode> inline, ObjectNode raw)
        implements Invocation {

    public WorkflowStep {
        withItems = List.copyOf(withItems);
        hooks = Map.copyOf(hooks);
    }

    /** Reads a step; type errors name the path. */
    public static WorkflowStep read(ObjectNode node, String path) {
        return new WorkflowStep(JsonFields.text(node, "name", path), JsonFields.text(node, "template", path),
                Arguments.read(node, path), JsonFields.list(node, "withItems", path),
                withParamText(node, path), Sequence.read(node, path), JsonFields.text(node, "when", path),
                ContinueOn.read(node, path), JsonFields.text(node, "onExit", path),
                LifecycleHook.readAll(node, path), TemplateRef.read(node, path),
                JsonFields.object(node, "inline", path), node);
    }

    /** {@code withParam} as text; a literal list written in YAML is taken as its JSON. */
    static String withParamText(JsonNode node, String path) {
        JsonNode value = node.get("withParam");
        if (value != null && value.isContainerNode()) {
            return value.toString();
        }
        return JsonFields.text(node, "withParam", path);
    }
}
