package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One task of a DAG template. */
public record DagTask(String name, String template, Arguments arguments, List<JsonNode> withItems,
                      String withParam, Optional<Sequence> withSequence, String when,
                      Optional<ContinueOn> continueOn, String onExit, Map<String, LifecycleHook> hooks,
                      Optional<TemplateRef> templateRef, Optional<ObjectNode> inline, ObjectNode raw,
                      List<String> dependencies, String depends) implements Invocation {

    public DagTask {
        withItems = List.copyOf(withItems);
        hooks = Map.copyOf(hooks);
        dependencies = List.copyOf(dependencies);
    }

    /** Reads a task; type errors name the path. */
    public static DagTask read(ObjectNode node, String path) {
        return new DagTask(JsonFields.text(node, "name", path), JsonFields.text(node, "template", path),
                Arguments.read(node, path), JsonFields.list(node, "withItems", path),
                WorkflowStep.withParamText(node, path), Sequence.read(node, path),
                JsonFields.text(node, "when", path), ContinueOn.read(node, path),
                JsonFields.text(node, "onExit", path), LifecycleHook.readAll(node, path),
                TemplateRef.read(node, path), JsonFields.object(node, "inline", path), node,
                JsonFields.strings(node, "dependencies", path), JsonFields.text(node, "depends", path));
    }
}
