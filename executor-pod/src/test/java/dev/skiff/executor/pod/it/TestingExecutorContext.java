package dev.skiff.executor.pod.it;

import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.executor.ExecutorContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** An executor context that knows the given clusters by name. */
record TestingExecutorContext(Map<String, ClusterCredentials> clusters) implements ExecutorContext {

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public Path workDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    @Override
    public Optional<ClusterCredentials> cluster(String name) {
        return Optional.ofNullable(clusters.get(name));
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("dev.skiff.executor.pod.it");
    }
}
