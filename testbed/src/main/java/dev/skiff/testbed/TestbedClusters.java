package dev.skiff.testbed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The clusters of the running testbed, in start order; the first is the hub. */
public final class TestbedClusters {
    private final Map<String, TestbedCluster> byName = new LinkedHashMap<>();

    TestbedClusters(List<TestbedCluster> clusters) {
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("a testbed needs at least one cluster");
        }
        clusters.forEach(c -> byName.put(c.name(), c));
    }

    /** The first cluster (named {@code hub} by default). */
    public TestbedCluster hub() {
        return byName.values().iterator().next();
    }

    /** The cluster called {@code name}. */
    public TestbedCluster cluster(String name) {
        TestbedCluster cluster = byName.get(name);
        if (cluster == null) {
            throw new IllegalArgumentException("no testbed cluster named '" + name + "'; running: " + names());
        }
        return cluster;
    }

    /** Every cluster, hub first. */
    public List<TestbedCluster> all() {
        return List.copyOf(byName.values());
    }

    /** Names of every cluster, hub first. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    @Override
    public String toString() {
        return "TestbedClusters" + names();
    }
}
