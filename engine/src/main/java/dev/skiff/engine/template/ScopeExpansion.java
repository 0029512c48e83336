package dev.skiff.engine.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Expands dotted keys into nested maps, as Argo's {@code util/expand} (removeConflicts + bellows). */
final class ScopeExpansion {
    private ScopeExpansion() {
    }

    static Map<String, Object> expand(Map<String, Object> flat) {
        List<String> keys = new ArrayList<>(flat.keySet());
        Collections.sort(keys);
        Map<String, Object> root = new LinkedHashMap<>();
        Set<Object> created = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (i + 1 < keys.size() && keys.get(i + 1).startsWith(key + ".")) {
                continue;
            }
            put(root, key, flat.get(key), created);
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String key, Object value, Set<Object> created) {
        String[] parts = key.split("\\.", -1);
        Map<String, Object> cur = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = cur.get(parts[i]);
            if (!created.contains(next)) {
                Map<String, Object> copy = new LinkedHashMap<>();
                if (next instanceof Map<?, ?> existing) {
                    existing.forEach((k, v) -> copy.put(String.valueOf(k), v));
                }
                created.add(copy);
                cur.put(parts[i], copy);
                next = copy;
            }
            cur = (Map<String, Object>) next;
        }
        String leaf = parts[parts.length - 1];
        if (!(cur.get(leaf) instanceof Map)) {
            cur.put(leaf, value);
        }
    }
}
