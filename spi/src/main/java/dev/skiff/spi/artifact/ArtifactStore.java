package dev.skiff.spi.artifact;

import dev.skiff.spi.Stability;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Objects of one kind of artifact store, each named by a location URI of the store's scheme. For S3-compatible
 * stores: {@code s3://BUCKET/KEY?endpoint=HOST:PORT&region=R&insecure=true&accessKeySecret=NAME/KEY&...} (Argo's
 * {@code S3Artifact} fields as query parameters, secrets by reference only; see the store's documentation).
 * Methods block; they are called from executor threads, one location at a time.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ArtifactStore extends AutoCloseable {

    /** What {@link #fetch} found. */
    @Stability(Stability.Level.EXPERIMENTAL)
    enum Fetched {
        /** One object: written to the target file. */
        FILE,
        /** No object with the key but objects below {@code KEY/}: written under the target directory. */
        DIRECTORY,
        /** Neither. Nothing was written. */
        NOT_FOUND
    }

    /**
     * Downloads the object at {@code location} to the file {@code target} (which must not exist), or, as Argo's
     * drivers do, when there is no such object but there are objects under {@code KEY/}, each of those to its
     * relative path under the directory {@code target}.
     *
     * @throws ArtifactStoreException when the store refuses or cannot be reached (message without secrets)
     */
    Fetched fetch(URI location, Path target) throws IOException;

    /**
     * Uploads {@code source} to {@code location}: a file as one object, a directory as one object per file under
     * {@code KEY/} (its relative path appended). Existing objects are replaced.
     */
    void store(Path source, URI location) throws IOException;

    /** Deletes the object at {@code location}, or with a key ending in {@code /} every object under it; absent is fine. */
    void delete(URI location) throws IOException;

    /** Releases clients and connections. */
    @Override
    default void close() {
    }
}
