package dev.skiff.auth.token;

import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.SecretSource;
import java.util.Map;
import java.util.Set;

/**
 * Where a secret value lives: key {@code key} of Kubernetes secret {@code namespace/name} in
 * the controller's own cluster.
 */
record SecretReference(String namespace, String name, String key) {

    static final Set<String> KEYS = Set.of("namespace", "name", "key");

    static SecretReference of(String clusterName, String setting, Map<String, Object> map) {
        for (String k : map.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("cluster '" + clusterName + "': auth key '" + setting
                        + "' has unknown key '" + k + "'; known keys: namespace, name, key");
            }
        }
        return new SecretReference(part(clusterName, setting, map, "namespace"),
                part(clusterName, setting, map, "name"), part(clusterName, setting, map, "key"));
    }

    private static String part(String clusterName, String setting, Map<String, Object> map, String k) {
        if (map.get(k) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IllegalArgumentException("cluster '" + clusterName + "': auth key '" + setting + "." + k
                + "' is required (a non-empty string)");
    }

    byte[] read(SecretSource secrets) {
        Map<String, byte[]> data = secrets.read(namespace, name).orElseThrow(() -> new ClusterAuthException(
                "secret " + this + " not found (or the controller may not read it)"));
        byte[] value = data.get(key);
        if (value == null) {
            throw new ClusterAuthException("secret " + namespace + "/" + name + " has no key '" + key
                    + "'; its keys: " + new java.util.TreeSet<>(data.keySet()));
        }
        return value;
    }

    @Override
    public String toString() {
        return namespace + "/" + name + " key '" + key + "'";
    }
}
