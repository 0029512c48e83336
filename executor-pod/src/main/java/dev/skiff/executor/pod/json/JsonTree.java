package dev.skiff.executor.pod.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and copies JSON-like trees: {@code Map<String, Object>}, {@code List<Object>}, strings, numbers,
 * booleans and {@code null}, the shape the SPI hands pod fields over in. Readers are lenient (a missing or
 * mistyped field reads as empty); builders work on mutable copies.
 */
public final class JsonTree {

    private JsonTree() {
    }

    /** The value as an object, or an empty one when it is absent or not an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The value as a list, or an empty one when it is absent or not a list. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** The value as text: a string as is, a number or boolean as JSON writes it; empty when absent. */
    public static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return toGson(value).getAsJsonPrimitive().toString();
        }
        return "";
    }

    /** A boolean field, when it is one. */
    public static Optional<Boolean> bool(Object value) {
        return value instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    /** A field of an object, following a path of keys; null when any step is missing. */
    public static Object at(Object root, String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    /** A deep, mutable copy ({@link LinkedHashMap}s and {@link ArrayList}s); leaves are shared (immutable). */
    public static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }

    /** A deep, mutable copy of an object (empty when the value is not one). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> copyObject(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) copy(value) : new LinkedHashMap<>();
    }

    /** A deep, mutable copy of a list (empty when the value is not one). */
    @SuppressWarnings("unchecked")
    public static List<Object> copyList(Object value) {
        return value instanceof List<?> ? (List<Object>) copy(value) : new ArrayList<>();
    }

    /** The tree as a Gson element. */
    public static JsonElement toGson(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof Map<?, ?> m) {
            JsonObject out = new JsonObject();
            m.forEach((k, v) -> out.add(String.valueOf(k), toGson(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            JsonArray out = new JsonArray();
            l.forEach(v -> out.add(toGson(v)));
            return out;
        }
        if (value instanceof String s) {
            return new JsonPrimitive(s);
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (value instanceof JsonElement e) {
            return e;
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    /** A Gson element as a tree; integral numbers become {@link Long}s, others {@link Double}s. */
    public static Object fromGson(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element.isJsonObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            element.getAsJsonObject().entrySet().forEach(e -> out.put(e.getKey(), fromGson(e.getValue())));
            return out;
        }
        if (element.isJsonArray()) {
            List<Object> out = new ArrayList<>();
            element.getAsJsonArray().forEach(e -> out.add(fromGson(e)));
            return out;
        }
        JsonPrimitive p = element.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            BigDecimal d = p.getAsBigDecimal();
            try {
                return d.longValueExact();
            } catch (ArithmeticException notIntegral) {
                return d.doubleValue();
            }
        }
        return p.getAsString();
    }
}
