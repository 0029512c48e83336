package dev.skiff.executor.pod.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' strategic merge patch on a pod spec (apimachinery {@code strategicpatch.StrategicMergePatch} with
 * the patch metadata of {@code PodSpec} and {@code Container}), for JSON-like trees. Covered: maps merge
 * recursively, {@code null} deletes, lists with a merge key (containers by name, volumes by name, env by name,
 * volumeMounts by mountPath, ...) merge element-wise in Kubernetes' order, other lists are replaced, and the
 * {@code $patch: replace|delete} and {@code $retainKeys} directives. {@code $setElementOrder} and
 * {@code $deleteFromPrimitiveList} are refused.
 */
final class StrategicMerge {

    /** The struct types whose lists have merge keys. */
    private enum Type { POD_SPEC, CONTAINER, OTHER }

    private record ListMeta(String mergeKey, Type elementType) {
    }

    private static final Map<String, ListMeta> POD_SPEC_LISTS = Map.of(
            "volumes", new ListMeta("name", Type.OTHER),
            "initContainers", new ListMeta("name", Type.CONTAINER),
            "containers", new ListMeta("name", Type.CONTAINER),
            "ephemeralContainers", new ListMeta("name", Type.CONTAINER),
            "imagePullSecrets", new ListMeta("name", Type.OTHER),
            "hostAliases", new ListMeta("ip", Type.OTHER),
            "topologySpreadConstraints", new ListMeta("topologyKey", Type.OTHER),
            "schedulingGates", new ListMeta("name", Type.OTHER),
            "resourceClaims", new ListMeta("name", Type.OTHER));
    private static final Map<String, ListMeta> CONTAINER_LISTS = Map.of(
            "ports", new ListMeta("containerPort", Type.OTHER),
            "env", new ListMeta("name", Type.OTHER),
            "volumeMounts", new ListMeta("mountPath", Type.OTHER),
            "volumeDevices", new ListMeta("devicePath", Type.OTHER));

    private static final String DIRECTIVE = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";

    private StrategicMerge() {
    }

    /** Applies {@code patch} to a pod spec; both are JSON-like trees; the spec is changed in place and returned. */
    static Map<String, Object> podSpec(Map<String, Object> spec, Map<String, Object> patch) {
        return mergeMap(spec, deepCopy(patch), Type.POD_SPEC);
    }

    private static Map<String, Object> mergeMap(Map<String, Object> original, Map<String, Object> patch, Type type) {
        if (patch.containsKey(DIRECTIVE)) {
            Object directive = patch.get(DIRECTIVE);
            if ("replace".equals(directive)) {
                patch.remove(DIRECTIVE);
                return patch;
            }
            if ("delete".equals(directive)) {
                return new LinkedHashMap<>();
            }
            throw new IllegalArgumentException("unknown patch type: " + directive + " in map: " + patch);
        }
        Map<String, Object> out = original == null ? new LinkedHashMap<>() : original;
        applyRetainKeys(out, patch);
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object patchValue = e.getValue();
            if (key.startsWith("$setElementOrder/") || key.startsWith("$deleteFromPrimitiveList/")) {
                throw new IllegalArgumentException("the " + key.substring(0, key.indexOf('/'))
                        + " directive is not supported in a podSpecPatch by Skiff");
            }
            if (patchValue == null) {
                out.remove(key);
                continue;
            }
            Object originalValue = out.get(key);
            if (originalValue == null || kind(originalValue) != kind(patchValue)) {
                Object cleaned = removeDirectives(patchValue);
                if (cleaned == REMOVED) {
                    out.remove(key);
                } else {
                    out.put(key, cleaned);
                }
                continue;
            }
            if (originalValue instanceof Map<?, ?> om) {
                // no struct below PodSpec or Container has lists with merge keys that Skiff patches
                out.put(key, mergeMap(mutableMap(om), mutableMap((Map<?, ?>) patchValue), Type.OTHER));
            } else if (originalValue instanceof List<?> ol) {
                ListMeta meta = listMeta(type, key);
                if (meta == null) {
                    out.put(key, removeDirectives(patchValue));
                } else {
                    out.put(key, mergeList(new ArrayList<>(ol), new ArrayList<>((List<?>) patchValue), meta));
                }
            } else {
                out.put(key, patchValue);
            }
        }
        return out;
    }

    private static List<Object> mergeList(List<Object> original, List<Object> patch, ListMeta meta) {
        if (original.isEmpty() && patch.isEmpty()) {
            return original;
        }
        boolean maps = original.stream().allMatch(v -> v instanceof Map<?, ?>) && patch.stream().allMatch(v -> v instanceof Map<?, ?>);
        if (!maps) {
            List<Object> both = new ArrayList<>();
            for (Object v : original) {
                if (both.stream().noneMatch(x -> MergeListOrder.valueEquals(x, v))) {
                    both.add(v);
                }
            }
            for (Object v : patch) {
                if (both.stream().noneMatch(x -> MergeListOrder.valueEquals(x, v))) {
                    both.add(v);
                }
            }
            return both;
        }
        String key = meta.mergeKey();
        List<Object> plain = new ArrayList<>();
        boolean replace = false;
        for (Object item : patch) {
            Map<?, ?> m = (Map<?, ?>) item;
            if (!m.containsKey(DIRECTIVE)) {
                plain.add(item);
                continue;
            }
            Object directive = m.get(DIRECTIVE);
            if ("delete".equals(directive)) {
                Object value = requireKey(m, key);
                original.removeIf(o -> MergeListOrder.valueEquals(((Map<?, ?>) o).get(key), value));
            } else if ("replace".equals(directive)) {
                replace = true;
            } else {
                throw new IllegalArgumentException("unknown patch type: " + directive + " in list element: " + m);
            }
        }
        if (replace) {
            original = plain;
            plain = new ArrayList<>();
        }
        List<Object> merged = new ArrayList<>(original);
        for (Object item : plain) {
            Map<String, Object> patchItem = mutableMap((Map<?, ?>) item);
            Object value = requireKey(patchItem, key);
            int at = MergeListOrder.indexOf(merged, key, value);
            if (at >= 0) {
                merged.set(at, mergeMap(mutableMap((Map<?, ?>) merged.get(at)), patchItem, meta.elementType()));
            } else {
                merged.add(removeDirectives(patchItem));
            }
        }
        return MergeListOrder.of(merged, plain, original, key);
    }

    private static void applyRetainKeys(Map<String, Object> original, Map<String, Object> patch) {
        if (!patch.containsKey(RETAIN_KEYS)) {
            return;
        }
        Object retain = patch.remove(RETAIN_KEYS);
        if (!(retain instanceof List<?> keys)) {
            throw new IllegalArgumentException("$retainKeys must be a list of field names");
        }
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            if (e.getValue() != null && !e.getKey().startsWith("$") && !keys.contains(e.getKey())) {
                throw new IllegalArgumentException("$retainKeys does not list the patched field " + e.getKey());
            }
        }
        original.keySet().removeIf(k -> !keys.contains(k));
    }

    private static final Object REMOVED = new Object();

    /** apimachinery's removeDirectives: maps that are directives disappear, others lose directive elements. */
    private static Object removeDirectives(Object value) {
        if (value instanceof Map<?, ?> m) {
            if (m.containsKey(DIRECTIVE)) {
                return REMOVED;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object v = removeDirectives(e.getValue());
                if (v != REMOVED) {
                    out.put(String.valueOf(e.getKey()), v);
                }
            }
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object item : l) {
                Object v = removeDirectives(item);
                if (v != REMOVED) {
                    out.add(v);
                }
            }
            return out;
        }
        return value;
    }

    private static Object requireKey(Map<?, ?> item, String key) {
        if (!item.containsKey(key)) {
            throw new IllegalArgumentException("map: " + item + " does not contain declared merge key: " + key);
        }
        return item.get(key);
    }

    private static int kind(Object value) {
        if (value instanceof Map<?, ?>) {
            return 1;
        }
        if (value instanceof List<?>) {
            return 2;
        }
        if (value instanceof Number) {
            return 3;
        }
        if (value instanceof Boolean) {
            return 4;
        }
        return 5;
    }

    private static ListMeta listMeta(Type type, String field) {
        return switch (type) {
            case POD_SPEC -> POD_SPEC_LISTS.get(field);
            case CONTAINER -> CONTAINER_LISTS.get(field);
            case OTHER -> null;
        };
    }

    private static Map<String, Object> mutableMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Map<String, Object> deepCopy(Map<String, Object> patch) {
        return dev.skiff.executor.pod.json.JsonTree.copyObject(patch);
    }
}
