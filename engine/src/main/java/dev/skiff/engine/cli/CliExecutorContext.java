package dev.skiff.engine.cli;

import dev.skiff.engine.plugin.ArtifactStoreCatalog;
import dev.skiff.spi.artifact.ArtifactStore;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.executor.ExecutorContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** What {@code skiff run} hands the local executor: its clock, a work directory, no clusters, the artifact stores. */
record CliExecutorContext(Clock clock, Path workDirectory, ArtifactStoreCatalog stores) implements ExecutorContext {

    CliExecutorContext(Clock clock, Path workDirectory) {
        this(clock, workDirectory, ArtifactStoreCatalog.empty());
    }

    @Override
    public Optional<ClusterCredentials> cluster(String name) {
        return Optional.empty();
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("dev.skiff.executor");
    }

    @Override
    public Optional<ArtifactStore> artifactStore(String scheme) {
        return stores.store(scheme);
    }
}
