package dev.skiff.spi.auth;

import dev.skiff.spi.Stability;
import java.util.Map;
import java.util.Objects;

/**
 * One cluster's auth settings from the controller config.
 *
 * @param clusterName the cluster's name in the config
 * @param settings    the keys under {@code auth:} other than {@code type}, as a JSON-like tree
 *                    (strings, numbers, booleans, lists, maps)
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record ClusterAuthConfig(String clusterName, Map<String, Object> settings) {

    public ClusterAuthConfig {
        Objects.requireNonNull(clusterName, "clusterName");
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    @Override
    public String toString() {
        return "ClusterAuthConfig[clusterName=" + clusterName + ", keys=" + settings.keySet() + "]";
    }
}
