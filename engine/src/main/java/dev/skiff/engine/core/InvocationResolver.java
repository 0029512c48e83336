package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.template.UnresolvedTags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Substitutes a step or task before it runs: Argo's resolveReferences / resolveDependencyReferences
 * (references to sibling nodes must resolve, or the step waits) and processItem (loop items).
 */
final class InvocationResolver {

    /** Argo's AbsentOptionalArgumentValue: an argument that refers to a skipped node's missing output. */
    static final String ABSENT_OPTIONAL = "__argo-internal.absent-optional-output__";

    /**
     * One expanded call.
     *
     * @param name node-name suffix such as {@code hello(0:a)}
     * @param raw  the substituted step or task
     */
    record Expanded(String name, ObjectNode raw) {
    }

    private InvocationResolver() {
    }

    /**
     * Resolves references to sibling nodes. When the {@code when} condition can be decided and is false,
     * only the condition is substituted; otherwise {@code artifacts} then resolves the artifact arguments.
     */
    static ObjectNode resolve(Invocation call, Map<String, Object> scope,
                              java.util.function.UnaryOperator<ObjectNode> artifacts) {
        ObjectNode raw = call.raw().deepCopy();
        JsonNode hooks = raw.remove("hooks");
        if (!call.when().isEmpty()) {
            String when = Tags.renderStrictRefs(call.when(), scope);
            boolean proceed = true;
            boolean decided = true;
            try {
                proceed = Tags.when(when);
            } catch (ReconcileException e) {
                if (!call.expands()) {
                    throw e;
                }
                decided = false;
            }
            if (decided && !proceed) {
                raw.put("when", when);
                if (hooks != null) {
                    raw.set("hooks", hooks);
                }
                return raw;
            }
        }
        markAbsentOptionalArgs(raw, scope);
        ObjectNode rendered = artifacts.apply((ObjectNode) Tags.renderTreeStrictRefs(raw, scope));
        if (hooks != null) {
            rendered.set("hooks", hooks);
        }
        return rendered;
    }

    /** Argo's markAbsentOptionalArgs: a pure reference to an absent optional output becomes a sentinel. */
    private static void markAbsentOptionalArgs(ObjectNode raw, Map<String, Object> scope) {
        JsonNode params = raw.path("arguments").path("parameters");
        if (!params.isArray()) {
            return;
        }
        for (JsonNode p : params) {
            JsonNode value = p.get("value");
            if (p instanceof ObjectNode param && value != null && value.isTextual()) {
                String v = value.textValue();
                if (v.startsWith("{{") && v.endsWith("}}")) {
                    String key = v.substring(2, v.length() - 2).trim();
                    if (!key.contains("{{") && !key.contains("}}") && scope.containsKey(key) && scope.get(key) == null) {
                        param.put("value", ABSENT_OPTIONAL);
                    }
                }
            }
        }
    }

    /** Argo's expandStep / expandTask: one call per loop item, with {@code item} substituted. */
    static List<Expanded> expand(Invocation call, Map<String, Object> scope, ReconcileLimits limits) {
        List<JsonNode> items = Loops.items(call, limits);
        ObjectNode raw = call.raw().deepCopy();
        raw.remove("withItems");
        raw.remove("withParam");
        raw.remove("withSequence");
        boolean willNotRun = false;
        try {
            willNotRun = !Tags.when(call.when());
        } catch (ReconcileException e) {
            willNotRun = false;
        }
        List<Expanded> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.isNumber() || item.isBoolean() || item.isTextual() || item.isObject() || item.isArray()
                    || item.isNull()) {
                Map<String, Object> itemScope = new HashMap<>(scope);
                itemScope.putAll(Loops.itemScope(item));
                ObjectNode rendered;
                if (willNotRun) {
                    itemScope.values().removeIf(java.util.Objects::isNull);
                    rendered = (ObjectNode) Tags.renderTree(raw, itemScope, UnresolvedTags.KEEP);
                } else {
                    rendered = (ObjectNode) Tags.renderTree(raw, itemScope, UnresolvedTags.FAIL);
                }
                if (rendered == raw) {
                    rendered = raw.deepCopy();
                }
                String name = Loops.nodeName(call.name(), i, item);
                rendered.put("name", name);
                if (!call.template().isEmpty()) {
                    rendered.put("template", call.template());
                }
                out.add(new Expanded(name, rendered));
            } else {
                throw new ReconcileException("withItems[" + i + "] expected string, number, list, or map. received: "
                        + item);
            }
        }
        return out;
    }
}
