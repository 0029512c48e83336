package dev.skiff.spi.auth;

import dev.skiff.spi.Stability;
import java.util.Map;
import java.util.Optional;

/** Reads Kubernetes secrets of the controller's own cluster for providers that reference them. */
@FunctionalInterface
@Stability(Stability.Level.EXPERIMENTAL)
public interface SecretSource {

    /** The secret's data by key, or empty when there is no such secret. */
    Optional<Map<String, byte[]>> read(String namespace, String name);

    /** A source that knows no secrets (the CLI away from any cluster). */
    SecretSource NONE = (namespace, name) -> Optional.empty();
}
