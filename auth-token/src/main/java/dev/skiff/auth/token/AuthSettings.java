package dev.skiff.auth.token;

import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.ClusterAuthConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, checked access to one cluster's {@code auth:} keys. Every error names the cluster and
 * the key; no error quotes a value (values may be secrets).
 */
final class AuthSettings {

    private final ClusterAuthConfig config;
    private final AuthContext context;

    AuthSettings(ClusterAuthConfig config, AuthContext context) {
        this.config = config;
        this.context = context;
    }

    String clusterName() {
        return config.clusterName();
    }

    AuthContext context() {
        return context;
    }

    Optional<String> string(String key) {
        Object value = config.settings().get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        }
        throw problem(key, "must be a string");
    }

    String requiredString(String key, String hint) {
        return string(key).orElseThrow(() -> problem(key, "is required: " + hint));
    }

    boolean flag(String key) {
        Object value = config.settings().get(key);
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case String s when s.equals("true") || s.equals("false") -> Boolean.parseBoolean(s);
            default -> throw problem(key, "must be true or false");
        };
    }

    Optional<Map<String, Object>> map(String key) {
        Object value = config.settings().get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return Optional.of(copy);
        }
        throw problem(key, "must be a map");
    }

    /** A file path setting, resolved against the config directory. */
    Optional<Path> path(String key) {
        return string(key).map(p -> context.configDirectory().resolve(p).normalize());
    }

    /** Fails unless at most one of {@code keys} is set; returns the one that is. */
    Optional<String> atMostOne(String... keys) {
        List<String> present = new ArrayList<>();
        for (String key : keys) {
            if (config.settings().get(key) != null) {
                present.add(key);
            }
        }
        if (present.size() > 1) {
            throw new IllegalArgumentException("cluster '" + clusterName() + "': auth keys " + present
                    + " exclude each other; set only one of " + List.of(keys));
        }
        return present.stream().findFirst();
    }

    String exactlyOne(String... keys) {
        return atMostOne(keys).orElseThrow(() -> new IllegalArgumentException("cluster '" + clusterName()
                + "': set one of the auth keys " + List.of(keys)));
    }

    IllegalArgumentException problem(String key, String what) {
        return new IllegalArgumentException("cluster '" + clusterName() + "': auth key '" + key + "' " + what);
    }
}
