package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import java.util.Objects;

/**
 * Where a step runs: a named cluster and a namespace in it.
 *
 * @param cluster   cluster name from the controller config; empty means the workflow's own cluster
 * @param namespace namespace in that cluster; empty means the workflow's own namespace
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record StepTarget(String cluster, String namespace) {

    /** The workflow's own cluster and namespace. */
    public static final StepTarget LOCAL = new StepTarget("", "");

    public StepTarget {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(namespace, "namespace");
    }
}
