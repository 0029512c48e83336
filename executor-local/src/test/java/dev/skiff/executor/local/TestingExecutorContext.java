package dev.skiff.executor.local;

import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.executor.ExecutorContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** An executor context over a temporary work directory and the system clock. */
record TestingExecutorContext(Path workDirectory) implements ExecutorContext {

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public Optional<ClusterCredentials> cluster(String name) {
        return Optional.empty();
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("dev.skiff.executor.local.test");
    }
}
