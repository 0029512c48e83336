package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.JsonTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Edits of container objects (mutable trees) the pod builder repeats. */
final class ContainerFields {

    private ContainerFields() {
    }

    static String name(Map<String, Object> container) {
        return JsonTree.text(container.get("name"));
    }

    /** The container's volume mounts, created empty when missing (mutable). */
    static List<Object> mounts(Map<String, Object> container) {
        return mutableList(container, "volumeMounts");
    }

    /** The container's env, created empty when missing (mutable). */
    static List<Object> env(Map<String, Object> container) {
        return mutableList(container, "env");
    }

    static void addMount(Map<String, Object> container, Map<String, Object> mount) {
        mounts(container).add(mount);
    }

    static void addEnv(Map<String, Object> container, String name, String value) {
        env(container).add(envVar(name, value));
    }

    static Map<String, Object> envVar(String name, String value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("value", value);
        return e;
    }

    static Map<String, Object> fieldRefEnv(String name, String fieldPath) {
        Map<String, Object> fieldRef = new LinkedHashMap<>();
        fieldRef.put("apiVersion", "v1");
        fieldRef.put("fieldPath", fieldPath);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("valueFrom", Map.of("fieldRef", fieldRef));
        return e;
    }

    static Map<String, Object> mount(String volume, String path) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", volume);
        m.put("mountPath", path);
        return m;
    }

    static Map<String, Object> emptyDirVolume(String name) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("emptyDir", new LinkedHashMap<>());
        return v;
    }

    /** A list field of an object, created when missing or not a list (mutable). */
    static List<Object> mutableList(Map<String, Object> object, String field) {
        Object value = object.get(field);
        if (value instanceof ArrayList<?>) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) value;
            return list;
        }
        List<Object> list = JsonTree.copyList(value);
        object.put(field, list);
        return list;
    }

    /** An object field, created when missing (mutable). */
    static Map<String, Object> mutableObject(Map<String, Object> object, String field) {
        Object value = object.get(field);
        if (value instanceof LinkedHashMap<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            return map;
        }
        Map<String, Object> map = JsonTree.copyObject(value);
        object.put(field, map);
        return map;
    }

    /** The objects of a list field, each as a mutable map (non-objects are skipped). */
    static List<Map<String, Object>> objects(Map<String, Object> object, String field) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Object> list = mutableList(object, field);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?>) {
                Map<String, Object> copy = JsonTree.copyObject(list.get(i));
                list.set(i, copy);
                out.add(copy);
            }
        }
        return out;
    }
}
