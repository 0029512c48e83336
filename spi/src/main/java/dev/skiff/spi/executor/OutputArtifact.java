package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import java.net.URI;
import java.util.Objects;

/**
 * A file or directory the executor saves after the main process ended, whatever its exit code
 * (Argo's {@code outputs.artifacts}, what its {@code wait} container uploads).
 *
 * @param name     the output artifact's name
 * @param path     the file or directory, as the template wrote it (inside the container)
 * @param location where to store it, by URI ({@code file:} for a local directory repository,
 *                 {@code s3://bucket/key}, ...); an existing object there is replaced
 * @param archive  how to pack it there
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record OutputArtifact(String name, String path, URI location, ArtifactArchive archive) {

    public OutputArtifact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(archive, "archive");
    }
}
