package dev.skiff.spi.artifact;

import dev.skiff.spi.Stability;

/** A kind of artifact store, found with {@link java.util.ServiceLoader}; picked by a location's URI scheme. */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ArtifactStoreFactory {

    /** The URI scheme of the locations it serves, such as {@code s3}. */
    String scheme();

    /** A store that resolves credentials through {@code context}. */
    ArtifactStore create(ArtifactStoreContext context);
}
