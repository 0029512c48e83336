package dev.skiff.engine.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code executor:} of the controller config: the step executor plugin's name and its other keys (strings),
 * passed to the plugin's factory, which rejects keys it does not know.
 */
public record ExecutorConfig(String type, Map<String, String> settings) {

    /** Argo's data plane: pods run by argoexec (the executor-pod plugin). */
    public static final ExecutorConfig DEFAULT = new ExecutorConfig("pod", Map.of());

    public ExecutorConfig {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    @Override
    public String toString() {
        return "ExecutorConfig[type=" + type + ", keys=" + settings.keySet() + "]";
    }
}
