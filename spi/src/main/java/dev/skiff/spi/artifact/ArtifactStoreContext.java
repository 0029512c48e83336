package dev.skiff.spi.artifact;

import dev.skiff.spi.Stability;
import java.util.Optional;

/** What the engine hands an artifact store: the secrets that locations name, and a logger. */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ArtifactStoreContext {

    /**
     * The value of key {@code key} of the secret {@code name} (Argo's {@code accessKeySecret: {name, key}}), as the
     * caller provides secrets (a Kubernetes Secret in the workflow's namespace, or the files given to
     * {@code skiff run}); empty when there is no such secret or key. Never log the value.
     */
    Optional<String> secret(String name, String key);

    /** A logger for the store; never log secrets. */
    System.Logger logger();
}
