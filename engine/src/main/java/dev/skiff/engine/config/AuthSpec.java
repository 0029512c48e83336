package dev.skiff.engine.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A cluster's {@code auth:} block: the provider's name and its other keys, passed to the
 * provider untouched. {@link #toString()} shows key names only (values may be secrets).
 */
public record AuthSpec(String type, Map<String, Object> settings) {

    public AuthSpec {
        Objects.requireNonNull(type, "type");
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    @Override
    public String toString() {
        return "AuthSpec[type=" + type + ", keys=" + settings.keySet() + "]";
    }
}
