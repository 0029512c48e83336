package dev.skiff.engine.cluster;

import dev.skiff.engine.config.ClusterConfig;

/**
 * A cluster entry that could not be set up.
 *
 * @param name    the cluster's name
 * @param origin  where the entry came from
 * @param message what went wrong and what to do; holds no secret
 */
public record ClusterProblem(String name, ClusterConfig.Origin origin, String message) {
}
