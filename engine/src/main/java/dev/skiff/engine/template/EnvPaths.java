package dev.skiff.engine.template;

import java.util.Map;

/** Argo's {@code hasVarInEnv}: whether a dotted path can be reached in the expression environment. */
final class EnvPaths {
    private EnvPaths() {
    }

    static boolean has(Map<String, Object> env, String path) {
        if (env.containsKey(path)) {
            return true;
        }
        String[] parts = path.split("\\.", -1);
        Object current = env;
        int from = 0;
        for (int i = parts.length; i > 0; i--) {
            String prefix = String.join(".", java.util.Arrays.copyOfRange(parts, 0, i));
            if (env.containsKey(prefix)) {
                current = env.get(prefix);
                from = i;
                break;
            }
        }
        if (from == parts.length) {
            return true;
        }
        for (int i = from; i < parts.length; i++) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(parts[i])) {
                return false;
            }
            current = map.get(parts[i]);
        }
        return true;
    }
}
