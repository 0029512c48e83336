package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argo's {@code mergedTemplateDefaultsInto}: {@code spec.templateDefaults} under a template as a Kubernetes
 * strategic merge patch with the template as the patch ({@code strategicpatch.StrategicMergePatch} with
 * {@code wfv1.Template}'s patch tags). The template wins field by field, objects merge deeply, lists tagged
 * {@code patchStrategy:"merge"} merge item by item on their merge key, every other list is replaced. The same
 * merge with {@code wfv1.WorkflowSpec}'s tags ({@link #mergeSpec}) is the core of Argo's {@code MergeTo}, which
 * puts a Workflow's spec over its WorkflowTemplate's.
 */
final class TemplateDefaultsMerge {

    /** What a JSON object is, for finding which of its lists merge and on which key. */
    private enum Shape {
        TEMPLATE(Map.of("volumes", "name", "initContainers", "name", "sidecars", "name", "tolerations", "key",
                "hostAliases", "ip")),
        CONTAINER(Map.of("env", "name", "ports", "containerPort", "volumeMounts", "mountPath",
                "volumeDevices", "devicePath")),
        IO(Map.of("parameters", "name", "artifacts", "name")),
        WORKFLOW_SPEC(Map.of("templates", "name", "volumes", "name", "tolerations", "key", "imagePullSecrets", "name",
                "hostAliases", "ip")),
        DAG(Map.of("tasks", "name")),
        OTHER(Map.of());

        private final Map<String, String> mergeKeys;

        Shape(Map<String, String> mergeKeys) {
            this.mergeKeys = mergeKeys;
        }

        /** The shape of the object under {@code field} (or of the items of the list under it). */
        Shape child(String field) {
            if (this == WORKFLOW_SPEC) {
                return switch (field) {
                    case "templates", "templateDefaults" -> TEMPLATE;
                    case "arguments" -> IO;
                    default -> OTHER;
                };
            }
            if (this == TEMPLATE) {
                return switch (field) {
                    case "container", "script", "initContainers", "sidecars" -> CONTAINER;
                    case "inputs", "outputs" -> IO;
                    case "dag" -> DAG;
                    default -> OTHER;
                };
            }
            return OTHER;
        }
    }

    private TemplateDefaultsMerge() {
    }

    /** The template with the defaults merged under it; neither argument is changed. */
    static ObjectNode merge(ObjectNode defaults, ObjectNode template) {
        return mergeObject(defaults.deepCopy(), template, Shape.TEMPLATE);
    }

    /**
     * A WorkflowSpec merged as a strategic merge patch over another ({@code original}, such as a WorkflowTemplate's
     * spec) with {@code wfv1.WorkflowSpec}'s patch tags; neither argument is changed.
     */
    static ObjectNode mergeSpec(ObjectNode original, ObjectNode patch) {
        return mergeObject(original.deepCopy(), patch, Shape.WORKFLOW_SPEC);
    }

    private static ObjectNode mergeObject(ObjectNode original, ObjectNode patch, Shape shape) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            JsonNode existing = original.get(key);
            if (isUnset(value)) {
                // Go drops an omitempty field that is null or empty before the patch is made.
                continue;
            }
            if (existing instanceof ObjectNode o && value instanceof ObjectNode p) {
                original.set(key, mergeObject(o, p, shape.child(key)));
            } else if (existing instanceof ArrayNode o && value instanceof ArrayNode p && shape.mergeKeys.containsKey(key)) {
                original.set(key, mergeList(o, p, shape.mergeKeys.get(key), shape.child(key))
                        .orElseGet(value::deepCopy));
            } else {
                original.set(key, value.deepCopy());
            }
        }
        return original;
    }

    private static boolean isUnset(JsonNode value) {
        return value.isNull() || (value.isArray() && value.isEmpty()) || (value.isTextual() && value.textValue().isEmpty());
    }

    /**
     * A list merged on {@code mergeKey} as {@code mergeSlice} does: matching items merge, new ones are added,
     * then the patch's items come in the patch's order, the original's own items each placed before the
     * first patch item that came after it in the original. Empty when an item lacks the key (Kubernetes
     * refuses to merge such a list; the template's list is then taken as it is).
     */
    private static Optional<ArrayNode> mergeList(ArrayNode original, ArrayNode patch, String mergeKey, Shape itemShape) {
        if (!allKeyed(original, mergeKey) || !allKeyed(patch, mergeKey)) {
            return Optional.empty();
        }
        List<JsonNode> merged = new ArrayList<>();
        original.forEach(item -> merged.add(item.deepCopy()));
        for (JsonNode item : patch) {
            int at = indexOf(merged, item.get(mergeKey), mergeKey);
            if (at >= 0) {
                merged.set(at, mergeObject((ObjectNode) merged.get(at), (ObjectNode) item, itemShape));
            } else {
                merged.add(item.deepCopy());
            }
        }
        List<JsonNode> fromPatch = new ArrayList<>();
        List<JsonNode> originalOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            (indexOf(patch, item.get(mergeKey), mergeKey) >= 0 ? fromPatch : originalOnly).add(item);
        }
        fromPatch.sort((a, b) -> Integer.compare(indexOf(patch, a.get(mergeKey), mergeKey),
                indexOf(patch, b.get(mergeKey), mergeKey)));
        ArrayNode out = original.arrayNode();
        int i = 0;
        int j = 0;
        while (i < originalOnly.size() || j < fromPatch.size()) {
            if (j >= fromPatch.size()) {
                out.add(originalOnly.get(i++));
            } else if (i >= originalOnly.size()) {
                out.add(fromPatch.get(j++));
            } else {
                int left = indexOf(original, originalOnly.get(i).get(mergeKey), mergeKey);
                int right = indexOf(original, fromPatch.get(j).get(mergeKey), mergeKey);
                out.add(left >= 0 && right >= 0 && left < right ? originalOnly.get(i++) : fromPatch.get(j++));
            }
        }
        return Optional.of(out);
    }

    private static boolean allKeyed(ArrayNode list, String mergeKey) {
        for (JsonNode item : list) {
            if (!(item instanceof ObjectNode) || !item.has(mergeKey)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(Iterable<JsonNode> list, JsonNode key, String mergeKey) {
        int i = 0;
        for (JsonNode item : list) {
            if (key.equals(item.get(mergeKey))) {
                return i;
            }
            i++;
        }
        return -1;
    }
}
