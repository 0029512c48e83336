package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code dag} of a template.
 *
 * @param target   space-separated task names to run (with their dependencies); empty = all
 * @param failFast stop scheduling after a failure (default true)
 * @param tasks    the tasks
 */
public record DagTemplate(String target, Optional<Boolean> failFast, List<DagTask> tasks) {

    public DagTemplate {
        tasks = List.copyOf(tasks);
    }

    /** The task with this name. */
    public Optional<DagTask> task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    static DagTemplate read(JsonNode node, String path) {
        List<DagTask> tasks = new ArrayList<>();
        int i = 0;
        for (JsonNode t : JsonFields.list(node, "tasks", path)) {
            String p = path + ".tasks[" + i++ + "]";
            if (!t.isObject()) {
                throw JsonFields.mismatch(p, "an object", t);
            }
            tasks.add(DagTask.read((com.fasterxml.jackson.databind.node.ObjectNode) t, p));
        }
        return new DagTemplate(JsonFields.text(node, "target", path), JsonFields.bool(node, "failFast", path),
                tasks);
    }
}
