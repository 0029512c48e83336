package dev.skiff.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A config node with its path, for checks whose errors say file, key and what to do. */
final class Checked {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private final String source;
    private final String path;
    private final JsonNode node;

    Checked(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    boolean missing() {
        return node == null || node.isMissingNode() || node.isNull();
    }

    Checked child(String key) {
        return new Checked(source, path.isEmpty() ? key : path + "." + key, node.path(key));
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    void requireMap() {
        if (!node.isObject()) {
            throw problem("must be a map of keys");
        }
    }

    void onlyKeys(List<String> known) {
        for (String key : keys()) {
            if (!known.contains(key)) {
                throw problem("has unknown key '" + key + "'; known keys: " + String.join(", ", known));
            }
        }
    }

    Optional<String> string(String key) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw child(key).problem("must be a string");
        }
        return value.asText().isEmpty() ? Optional.empty() : Optional.of(value.asText());
    }

    Optional<Boolean> bool(String key) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw child(key).problem("must be true or false");
        }
        return Optional.of(value.asBoolean());
    }

    /** A whole number in [min, max], if set. */
    Optional<Integer> integer(String key, int min, int max) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw child(key).problem("must be a whole number from " + min + " to " + max);
        }
        return Optional.of(value.intValue());
    }

    /** A number above 0, if set. */
    Optional<Double> positive(String key) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber() || value.doubleValue() <= 0) {
            throw child(key).problem("must be a number above 0");
        }
        return Optional.of(value.doubleValue());
    }

    /** A duration such as {@code 15s}, {@code 500ms}, {@code 2m} or {@code 1h}, if set. */
    Optional<java.time.Duration> duration(String key) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = DURATION.matcher(value.isTextual() ? value.textValue() : "");
        if (!m.matches()) {
            throw child(key).problem("must be a duration such as 15s, 500ms, 2m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        java.time.Duration d = switch (m.group(2)) {
            case "ms" -> java.time.Duration.ofMillis(n);
            case "s" -> java.time.Duration.ofSeconds(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            default -> java.time.Duration.ofHours(n);
        };
        if (d.isZero()) {
            throw child(key).problem("must be longer than 0");
        }
        return Optional.of(d);
    }

    List<String> strings(String key) {
        Checked list = child(key);
        if (list.missing()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Checked element : list.elements()) {
            if (!element.node.isTextual() || element.node.asText().isEmpty()) {
                throw element.problem("must be a non-empty string");
            }
            values.add(element.node.asText());
        }
        return values;
    }

    /** This node as a string: a string, number or boolean as written (executor keys are strings). */
    String scalar() {
        if (!node.isValueNode() || node.isNull()) {
            throw problem("must be a string, number or true/false");
        }
        return node.asText();
    }

    List<Checked> elements() {
        if (!node.isArray()) {
            throw problem("must be a list");
        }
        List<Checked> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(new Checked(source, path + "[" + i + "]", node.get(i)));
        }
        return elements;
    }

    /** The node as plain Java values (maps, lists, strings, numbers, booleans). */
    @SuppressWarnings("unchecked")
    Map<String, Object> plainMap() {
        return new java.util.LinkedHashMap<>(PLAIN.convertValue(node, Map.class));
    }

    ConfigException problem(String what) {
        return new ConfigException(source + ": " + (path.isEmpty() ? "the document" : path) + " " + what);
    }
}
