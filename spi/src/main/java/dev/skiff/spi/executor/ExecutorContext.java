package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import dev.skiff.spi.auth.ClusterCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** What the engine hands an executor factory. */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ExecutorContext {

    /** The engine's clock; executors timestamp outcomes with it. */
    Clock clock();

    /** A directory the executor may use for its own files (sandboxes, logs). */
    Path workDirectory();

    /** Credentials of a configured cluster by name; empty for an unknown name. */
    Optional<ClusterCredentials> cluster(String name);

    /** A logger for the plugin; never log secrets. */
    System.Logger logger();
}
