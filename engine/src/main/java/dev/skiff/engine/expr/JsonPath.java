package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSONPath as Argo's {@code jsonpath(json, path)} answers it (evilmonkeyinc/jsonpath): a definite
 * path ({@code $.a.b[0]}) yields the value itself and fails on a missing key or index; wildcards,
 * recursive descent, unions, slices and filters yield a list of matches. Filters support
 * {@code @.field <op> literal} and {@code @.field} (existence).
 */
final class JsonPath {
    private JsonPath() {
    }

    static Object query(String path, Object document) {
        List<JsonPathStep> steps = JsonPathParser.parse(path);
        boolean definite = steps.stream().allMatch(JsonPathStep::definite);
        List<Object> current = new ArrayList<>();
        current.add(document);
        for (JsonPathStep step : steps) {
            List<Object> next = new ArrayList<>();
            for (Object node : current) {
                step.apply(node, next, definite);
            }
            current = next;
        }
        if (definite) {
            return current.isEmpty() ? null : current.get(0);
        }
        return current;
    }

    static void descendants(Object node, List<Object> out) {
        if (node instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                out.add(v);
                descendants(v, out);
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                out.add(v);
                descendants(v, out);
            }
        }
    }
}
