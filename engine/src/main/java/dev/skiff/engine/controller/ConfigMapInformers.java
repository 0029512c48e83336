package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.config.WorkflowSource;
import dev.skiff.engine.core.ConfigMapStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ConfigMaps labelled {@code workflows.argoproj.io/configmap-type} in the namespaces the controller serves, from
 * {@link ObjectWatch}es (Argo's {@code typedConfigMapInformer}: the same label selector), answering the core's
 * {@link ConfigMapStore} per cluster: {@code valueFrom.configMapKeyRef} parameters cost no request of their own.
 * Workers wait for the first lists, as for templates. A ConfigMap created or changed is seen once its watch event
 * arrives; one without the label is not seen at all (Argo's message says to add it). Without RBAC to list
 * ConfigMaps a namespace holds none.
 */
final class ConfigMapInformers implements WatchGroup {

    static final String TYPE_LABEL = "workflows.argoproj.io/configmap-type";

    /** The watches of one cluster by namespace (empty key: all namespaces). */
    private final Map<String, Map<Optional<String>, ObjectWatch>> clusters = new LinkedHashMap<>();

    ConfigMapInformers(List<WorkflowSource> sources, Function<String, KubeJson> apis) {
        for (WorkflowSource source : sources) {
            String name = source.cluster();
            Map<Optional<String>, ObjectWatch> watches = clusters.computeIfAbsent(name, c -> new LinkedHashMap<>());
            List<Optional<String>> namespaces = source.namespaces().isEmpty() ? List.of(Optional.empty())
                    : source.namespaces().stream().map(Optional::of).toList();
            for (Optional<String> ns : namespaces) {
                String path = ns.map(n -> "/api/v1/namespaces/" + n + "/configmaps").orElse("/api/v1/configmaps");
                watches.computeIfAbsent(ns, n -> new ObjectWatch(name + "/" + n.orElse("*") + "/configmaps", path,
                        "ConfigMap", apis.apply(name), TYPE_LABEL, (a, b) -> { }));
            }
        }
    }

    @Override
    public List<ObjectWatch> watches() {
        List<ObjectWatch> all = new ArrayList<>();
        clusters.values().forEach(w -> all.addAll(w.values()));
        return all;
    }

    /** The store for workflows of {@code cluster}. */
    ConfigMapStore forCluster(String cluster) {
        Map<Optional<String>, ObjectWatch> watches = clusters.get(cluster);
        if (watches == null) {
            return ConfigMapStore.NONE;
        }
        return (namespace, name) -> {
            ObjectWatch watch = watches.getOrDefault(Optional.of(namespace), watches.get(Optional.<String>empty()));
            if (watch == null) {
                return Optional.empty();
            }
            return watch.get(namespace, name).map(ConfigMapInformers::stored);
        };
    }

    private static ConfigMapStore.StoredConfigMap stored(ObjectNode object) {
        return new ConfigMapStore.StoredConfigMap(strings(object.path("metadata").path("labels")),
                strings(object.path("data")));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Entry<String, JsonNode> e : object.properties()) {
            out.put(e.getKey(), e.getValue().asText(""));
        }
        return out;
    }
}
