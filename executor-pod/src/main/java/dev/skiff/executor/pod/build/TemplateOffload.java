package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argo's offloading of oversized values (build, after the emissary wrapping): an {@code ARGO_TEMPLATE} or a user
 * container's {@code args} of more than {@link ArgoNames#MAX_ENV_VAR_LENGTH} bytes moves into a ConfigMap named
 * like the pod, mounted at {@code /argo/config}; the variable then reads {@code offloaded}, the args file is
 * named by {@code ARGO_CONTAINER_ARGS_FILE}.
 */
final class TemplateOffload {

    private TemplateOffload() {
    }

    /** Offloads what is too big, changing the pod in place; the ConfigMap to create first, if any. */
    static Optional<Map<String, Object>> apply(Map<String, Object> pod, Map<String, Object> ownerMeta) {
        Map<String, Object> spec = JsonTree.object(pod.get("spec"));
        List<Map<String, Object>> containers = ContainerFields.objects(spec, "containers");
        List<Map<String, Object>> inits = ContainerFields.objects(spec, "initContainers");

        String argsContainer = null;
        String argsJson = null;
        for (Map<String, Object> c : containers) {
            if (ArgoNames.isArgoSidecar(ContainerFields.name(c)) || !c.containsKey("args") || c.get("args") == null) {
                continue;
            }
            String json = GoJson.write(c.get("args"));
            if (GoJson.byteLength(json) > ArgoNames.MAX_ENV_VAR_LENGTH) {
                argsContainer = ContainerFields.name(c);
                argsJson = json;
                break;
            }
        }
        String templateJson = null;
        for (Map<String, Object> c : concat(inits, containers)) {
            for (Object e : ContainerFields.env(c)) {
                Map<String, Object> env = JsonTree.object(e);
                if (ArgoNames.ENV_TEMPLATE.equals(env.get("name"))) {
                    String value = JsonTree.text(env.get("value"));
                    if (GoJson.byteLength(value) > ArgoNames.MAX_ENV_VAR_LENGTH) {
                        templateJson = value;
                    }
                }
            }
        }
        if (templateJson == null && argsJson == null) {
            return Optional.empty();
        }
        Map<String, Object> meta = JsonTree.object(pod.get("metadata"));
        String name = JsonTree.text(meta.get("name"));
        Map<String, Object> data = new LinkedHashMap<>();
        if (templateJson != null) {
            data.put(ArgoNames.ENV_TEMPLATE, templateJson);
        }
        if (argsJson != null) {
            data.put(ArgoNames.ENV_CONTAINER_ARGS_FILE, argsJson);
        }
        Map<String, Object> cmMeta = new LinkedHashMap<>(ownerMeta);
        cmMeta.put("name", name);
        cmMeta.put("namespace", meta.get("namespace"));
        Map<String, Object> configMap = new LinkedHashMap<>();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.put("metadata", cmMeta);
        configMap.put("data", data);

        Map<String, Object> volume = new LinkedHashMap<>();
        volume.put("name", ArgoNames.VOLUME_ENV_CONFIG);
        volume.put("configMap", new LinkedHashMap<>(Map.of("name", name)));
        ContainerFields.mutableList(spec, "volumes").add(volume);
        Map<String, Object> mount = ContainerFields.mount(ArgoNames.VOLUME_ENV_CONFIG, ArgoNames.ENV_CONFIG_DIR);

        if (templateJson != null) {
            for (Map<String, Object> c : concat(inits, containers)) {
                boolean replaced = false;
                for (Object e : ContainerFields.env(c)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> env = (Map<String, Object>) e;
                    if (ArgoNames.ENV_TEMPLATE.equals(env.get("name"))) {
                        env.put("value", ArgoNames.TEMPLATE_OFFLOADED);
                        replaced = true;
                    }
                }
                if (replaced) {
                    ContainerFields.addMount(c, new LinkedHashMap<>(mount));
                }
            }
        }
        if (argsJson != null) {
            for (Map<String, Object> c : containers) {
                if (argsContainer.equals(ContainerFields.name(c))) {
                    c.remove("args");
                    ContainerFields.addEnv(c, ArgoNames.ENV_CONTAINER_ARGS_FILE,
                            ArgoNames.ENV_CONFIG_DIR + "/" + ArgoNames.ENV_CONTAINER_ARGS_FILE);
                    ContainerFields.addMount(c, new LinkedHashMap<>(mount));
                }
            }
        }
        return Optional.of(configMap);
    }

    private static List<Map<String, Object>> concat(List<Map<String, Object>> a, List<Map<String, Object>> b) {
        List<Map<String, Object>> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
