package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}), with Kubernetes' matching:
 * every requirement must hold; an empty selector matches everything.
 *
 * @param matchLabels      labels that must be present with these values
 * @param matchExpressions further requirements
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    /**
     * One {@code matchExpressions} entry.
     *
     * @param key      the label
     * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}
     * @param values   the values for {@code In} and {@code NotIn}
     */
    public record Requirement(String key, String operator, List<String> values) {

        public Requirement {
            values = List.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                // Kubernetes refuses a selector with another operator: it selects nothing.
                default -> false;
            };
        }
    }

    /** Whether a set of labels satisfies every requirement. */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return matchExpressions.stream().allMatch(r -> r.matches(labels));
    }

    static LabelSelector read(ObjectNode node, String path) {
        List<Requirement> expressions = new ArrayList<>();
        for (JsonNode e : JsonFields.list(node, "matchExpressions", path)) {
            List<String> values = new ArrayList<>();
            for (JsonNode v : JsonFields.list(e, "values", path + ".matchExpressions")) {
                values.add(v.asText());
            }
            expressions.add(new Requirement(JsonFields.text(e, "key", path), JsonFields.text(e, "operator", path),
                    values));
        }
        return new LabelSelector(JsonFields.stringMap(node, "matchLabels", path), expressions);
    }
}
