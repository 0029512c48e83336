package dev.skiff.engine.model;

import java.util.Optional;

/**
 * Where a parameter's value comes from ({@code valueFrom}).
 *
 * @param path            file to read when a pod ends
 * @param parameter       a {@code {{...}}} reference (steps/DAG outputs)
 * @param expression      an expr-lang expression (steps/DAG outputs)
 * @param defaultValue    value used when the source is missing
 * @param jsonPath        Kubernetes resource field (resource templates; not supported)
 * @param event           event field (not supported)
 * @param supplied        whether the value is supplied on resume (suspend templates)
 * @param configMapName   config map of a {@code configMapKeyRef}; empty when none
 * @param configMapKey    key of a {@code configMapKeyRef}; empty when none
 */
public record ValueFrom(String path, String parameter, String expression, Optional<String> defaultValue,
                        String jsonPath, String event, boolean supplied, String configMapName,
                        String configMapKey) {

    /** A value from a file. */
    public static ValueFrom ofPath(String path) {
        return new ValueFrom(path, "", "", Optional.empty(), "", "", false, "", "");
    }
}
