package dev.skiff.engine.controller;

import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.executor.ClusterReachability;
import dev.skiff.spi.executor.ExecutorContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the controller hands its executor's factory: the clock, a work directory, the credentials of the
 * clusters of the registry by name (targets name them; the workflow's own cluster is a workflow source's), and where
 * the executor reports which clusters answer ({@link ClusterOutages}).
 */
public record ControllerExecutorContext(Clock clock, Path workDirectory,
                                        Function<String, Optional<ClusterCredentials>> clusters,
                                        ClusterReachability reachability)
        implements ExecutorContext {

    /** A context whose reachability reports go nowhere. */
    public ControllerExecutorContext(Clock clock, Path workDirectory,
                                     Function<String, Optional<ClusterCredentials>> clusters) {
        this(clock, workDirectory, clusters, ClusterReachability.IGNORED);
    }

    @Override
    public Optional<ClusterCredentials> cluster(String name) {
        return clusters.apply(name);
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("dev.skiff.executor");
    }
}
