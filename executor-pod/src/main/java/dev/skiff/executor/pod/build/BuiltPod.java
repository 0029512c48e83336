package dev.skiff.executor.pod.build;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A step's pod, and the ConfigMap its oversized template or args were offloaded to (create it first).
 *
 * @param pod       the Pod object ({@code apiVersion}, {@code kind}, {@code metadata}, {@code spec})
 * @param configMap the ConfigMap object, if any
 */
public record BuiltPod(Map<String, Object> pod, Optional<Map<String, Object>> configMap) {
    public BuiltPod {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(configMap, "configMap");
    }
}
