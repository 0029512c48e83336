package dev.skiff.engine.cli;

import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.executor.ExecutorContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** What {@code skiff run} hands the local executor: its clock, a work directory, no clusters. */
record CliExecutorContext(Clock clock, Path workDirectory) implements ExecutorContext {

    @Override
    public Optional<ClusterCredentials> cluster(String name) {
        return Optional.empty();
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("dev.skiff.executor");
    }
}
