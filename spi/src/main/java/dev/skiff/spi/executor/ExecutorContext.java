package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import dev.skiff.spi.artifact.ArtifactStore;
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

    /**
     * The artifact store for locations of URI scheme {@code scheme} ({@code s3}, ...), for executors that transfer
     * artifacts themselves; empty when no store plugin serves the scheme (or the caller set up none). The engine
     * owns and closes it.
     */
    default Optional<ArtifactStore> artifactStore(String scheme) {
        return Optional.empty();
    }

    /**
     * Where the executor reports whether the clusters it talks to answer (see {@link ClusterReachability}); by
     * default nobody listens.
     */
    default ClusterReachability reachability() {
        return ClusterReachability.IGNORED;
    }
}
