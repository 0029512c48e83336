package dev.skiff.engine.core;

import java.util.Map;
import java.util.Optional;

/**
 * The ConfigMaps the reconciler may read (Argo's {@code ConfigMapStore}: the controller's informer of ConfigMaps
 * labelled {@code workflows.argoproj.io/configmap-type}). Implementations do no I/O while called: a controller
 * answers from its informer's cache; {@code skiff run} has none ({@link #NONE}, and its lint refuses what would
 * need one).
 */
@FunctionalInterface
public interface ConfigMapStore {

    /** No ConfigMaps at all. */
    ConfigMapStore NONE = (namespace, name) -> Optional.empty();

    /** The ConfigMap {@code name} in {@code namespace}, if the store holds it. */
    Optional<StoredConfigMap> configMap(String namespace, String name);

    /** What the reconciler reads of a ConfigMap: its labels and its data. */
    record StoredConfigMap(Map<String, String> labels, Map<String, String> data) {

        public StoredConfigMap {
            labels = Map.copyOf(labels);
            data = Map.copyOf(data);
        }
    }
}
