package dev.skiff.engine.template;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Variables visible to tags, as Argo's flat replace map ({@code "inputs.parameters.x" -> "5"}).
 * Simple tags look keys up verbatim; expressions see the map expanded into nested maps
 * ({@code inputs.parameters.x}, {@code steps['my-step'].outputs.result}), where a key that is also
 * the prefix of another ({@code item} and {@code item.name}) gives way to the nested one.
 * Immutable; the expanded form is computed once, on first use.
 */
public final class TagScope {
    private static final TagScope EMPTY = new TagScope(Map.of());

    private final Map<String, Object> flat;
    private volatile Map<String, Object> nested;
    private volatile Boolean placeholders;

    private TagScope(Map<String, Object> flat) {
        this.flat = flat;
    }

    /** A scope over a copy of {@code flat}; values are usually strings (null marks an absent optional output). */
    public static TagScope of(Map<String, ?> flat) {
        Objects.requireNonNull(flat, "flat");
        return flat.isEmpty() ? EMPTY : new TagScope(Collections.unmodifiableMap(new HashMap<>(flat)));
    }

    public static TagScope empty() {
        return EMPTY;
    }

    /** The flat variables, unmodifiable. */
    public Map<String, Object> flat() {
        return flat;
    }

    /** Whether a simple tag named {@code name} is defined (possibly with a null value). */
    public boolean contains(String name) {
        return flat.containsKey(name);
    }

    /** The environment expressions see: the flat map expanded into nested maps (Argo's {@code expand.Expand}). */
    public Map<String, Object> expressionEnv() {
        Map<String, Object> n = nested;
        if (n == null) {
            n = Collections.unmodifiableMap(ScopeExpansion.expand(flat));
            nested = n;
        }
        return n;
    }

    /** Whether some value is one of Argo's internal placeholders, which makes expression failures tolerable. */
    boolean hasPlaceholders() {
        Boolean p = placeholders;
        if (p == null) {
            p = flat.values().stream().anyMatch(v -> v instanceof String s && s.startsWith(PLACEHOLDER_PREFIX));
            placeholders = p;
        }
        return p;
    }

    /** Argo's prefix for values standing in for outputs that are not known yet. */
    public static final String PLACEHOLDER_PREFIX = "__argo__internal__placeholder-";
}
