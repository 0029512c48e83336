package dev.skiff.engine.controller;

import dev.skiff.engine.core.ClusterOutage;
import dev.skiff.engine.core.Observation;
import dev.skiff.spi.executor.ClusterReachability;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shell's record of which clusters do not answer, since when and why, fed by the executor's reports (its
 * requests and watches to each cluster); it decides nothing. A change (a cluster lost, or back) is logged once and
 * wakes every workflow, whose reconcile then sees the new picture ({@link #observation}) and decides what it means
 * for its nodes. Thread-safe.
 */
public final class ClusterOutages implements ClusterReachability {

    private final Clock clock;
    private final Duration timeout;
    private final Map<String, ClusterOutage> down = new ConcurrentHashMap<>();
    private volatile Runnable onChange = () -> { };

    public ClusterOutages(Clock clock, Duration timeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** What runs after each change (the controller wakes its workflows). */
    void onChange(Runnable action) {
        this.onChange = Objects.requireNonNull(action, "action");
    }

    @Override
    public void report(String cluster, boolean reachable, String cause) {
        if (reachable) {
            ClusterOutage ended = down.remove(cluster);
            if (ended != null) {
                ControllerLog.info("cluster.reachable", "cluster", cluster, "unreachableFor",
                        Duration.between(ended.since(), clock.instant()).withNanos(0));
                onChange.run();
            }
            return;
        }
        ClusterOutage started = new ClusterOutage(cluster, clock.instant(), cause);
        if (down.putIfAbsent(cluster, started) == null) {
            ControllerLog.warn("cluster.unreachable", "cluster", cluster, "cause", cause, "timeout", timeout);
            onChange.run();
        }
    }

    /**
     * What the reconciler of a workflow living in {@code workflowCluster} is told: the clusters that do not answer,
     * by the names its steps use (the empty name is the workflow's own cluster), and the timeout.
     */
    Observation.Reachability observation(String workflowCluster) {
        if (down.isEmpty()) {
            return new Observation.Reachability(Map.of(), timeout);
        }
        Map<String, ClusterOutage> byName = new LinkedHashMap<>(down);
        ClusterOutage own = down.get(workflowCluster);
        if (own != null) {
            byName.put("", own);
        }
        return new Observation.Reachability(byName, timeout);
    }

    /** Whether a cluster is known not to answer now. */
    boolean unreachable(String cluster) {
        return down.containsKey(cluster);
    }
}
