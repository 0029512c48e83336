package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lenient, path-aware reading of fields from a JSON tree; type errors name the field's path. */
final class JsonFields {

    private JsonFields() {
    }

    static boolean has(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** An object field, or empty when absent or null. */
    static Optional<ObjectNode> object(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw mismatch(path + "." + field, "an object", value);
        }
        return Optional.of((ObjectNode) value);
    }

    /** A list field, or an empty list when absent or null. */
    static List<JsonNode> list(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw mismatch(path + "." + field, "a list", value);
        }
        List<JsonNode> out = new ArrayList<>(value.size());
        value.forEach(out::add);
        return out;
    }

    /** Whether the field is a list (possibly empty), as opposed to absent. */
    static boolean isList(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isArray();
    }

    /** A scalar field as text (numbers and booleans as Go would print them), or "" when absent. */
    static String text(JsonNode node, String field, String path) {
        return optText(node, field, path).orElse("");
    }

    /** A scalar field as text, or empty when absent or null. */
    static Optional<String> optText(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isContainerNode()) {
            throw mismatch(path + "." + field, "a string", value);
        }
        return Optional.of(scalarText(value));
    }

    /** Argo's AnyString: strings as is, numbers and booleans printed, anything else empty. */
    static Optional<String> anyString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isContainerNode()) {
            return Optional.of("");
        }
        return Optional.of(scalarText(value));
    }

    static String scalarText(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            BigDecimal decimal = value.decimalValue().stripTrailingZeros();
            return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
        }
        return value.asText();
    }

    static Optional<Boolean> bool(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        if (value.isTextual() && (value.textValue().equals("true") || value.textValue().equals("false"))) {
            return Optional.of(Boolean.parseBoolean(value.textValue()));
        }
        throw mismatch(path + "." + field, "true or false", value);
    }

    static Optional<Long> integer(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.longValue());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Long.parseLong(value.textValue().trim()));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw mismatch(path + "." + field, "a whole number", value);
    }

    static List<String> strings(JsonNode node, String field, String path) {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : list(node, field, path)) {
            if (item.isContainerNode()) {
                throw mismatch(path + "." + field + "[" + i + "]", "a string", item);
            }
            out.add(scalarText(item));
            i++;
        }
        return out;
    }

    static Map<String, String> stringMap(JsonNode node, String field, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        object(node, field, path).ifPresent(obj -> obj.properties().forEach(e -> {
            if (e.getValue().isContainerNode()) {
                throw mismatch(path + "." + field + "." + e.getKey(), "a string", e.getValue());
            }
            out.put(e.getKey(), e.getValue().isNull() ? "" : scalarText(e.getValue()));
        }));
        return out;
    }

    static WorkflowFormatException mismatch(String path, String expected, JsonNode actual) {
        String kind = actual.isObject() ? "an object" : actual.isArray() ? "a list"
                : actual.isTextual() ? "the string \"" + abbreviate(actual.textValue()) + "\"" : actual.toString();
        return new WorkflowFormatException(path + " must be " + expected + ", not " + kind);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
