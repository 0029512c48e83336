package dev.skiff.engine.controller;

import dev.skiff.engine.controller.ArtifactRepositoryRefs.ConfigMap;
import dev.skiff.engine.controller.ArtifactRepositoryRefs.ResolveException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ConfigMaps read for artifact repository resolution, found or absent, kept for a short time: a thousand
 * workflows submitted at once in one namespace then cost a few GETs instead of two each, which would otherwise
 * take half the controller's request budget (qps) from the status writes. Workers asking for the same ConfigMap
 * while it is being read wait for that read instead of reading it too. Failed reads are not kept. A ConfigMap
 * created or changed is seen by workflows that start up to {@link #KEEP} later.
 */
final class RecentConfigMaps {

    static final Duration KEEP = Duration.ofSeconds(2);
    private static final int TIDY_ABOVE = 1024;

    /** Reads one ConfigMap from the API. */
    @FunctionalInterface
    interface Read {
        Optional<ConfigMap> read() throws ResolveException, ApiFailure;
    }

    private record Kept(Optional<ConfigMap> value, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    RecentConfigMaps(Clock clock) {
        this.clock = clock;
    }

    /** The ConfigMap {@code cluster/namespace/name} as read at most {@link #KEEP} ago, else as {@code read} reads it now. */
    Optional<ConfigMap> get(String cluster, String namespace, String name, Read read)
            throws ResolveException, ApiFailure {
        String key = cluster + "/" + namespace + "/" + name;
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Instant now = clock.instant();
            Kept recent = kept.get(key);
            if (recent != null && now.isBefore(recent.until())) {
                return recent.value();
            }
            Optional<ConfigMap> value = read.read();
            if (kept.size() >= TIDY_ABOVE) {
                kept.values().removeIf(k -> !now.isBefore(k.until()));
            }
            kept.put(key, new Kept(value, now.plus(KEEP)));
            return value;
        }
    }
}
