package dev.skiff.artifacts.s3;

import dev.skiff.spi.artifact.ArtifactStoreContext;
import java.util.Map;
import java.util.Optional;

/** Secrets from a map of {@code NAME/KEY} to value, as the engine's contexts provide them. */
record TestingStoreContext(Map<String, String> secrets) implements ArtifactStoreContext {

    @Override
    public Optional<String> secret(String name, String key) {
        return Optional.ofNullable(secrets.get(name + "/" + key));
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("test");
    }
}
