package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A file or directory the executor places at {@link #path} before the main process starts (Argo's
 * {@code inputs.artifacts}, what its {@code init} container loads). The content comes either from
 * {@link #location} (an artifact repository, named by URI so that any executor can fetch it: a
 * {@code file:} URI for a local directory repository, {@code s3://bucket/key} for a bucket) or
 * inline from {@link #data} ({@code raw} artifacts); exactly one of the two is present.
 *
 * @param name        the input artifact's name
 * @param path        where it goes, as the template wrote it (inside the container)
 * @param location    where the artifact is stored; a directory there is placed as a directory
 * @param data        the content itself, written as a file
 * @param archive     how the content at {@code location} is packed; empty means: unpack it when it
 *                    is a gzip-compressed tar, else place it as is (Argo's default detection)
 * @param mode        file mode bits to set on the placed file or directory, if any
 * @param recurseMode whether {@code mode} applies to everything below a directory too
 * @param optional    whether a missing source is fine (the path is then left absent)
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record InputArtifact(String name, String path, Optional<URI> location, Optional<String> data,
                            Optional<ArtifactArchive> archive, OptionalInt mode, boolean recurseMode,
                            boolean optional) {

    public InputArtifact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(mode, "mode");
        if (location.isPresent() == data.isPresent()) {
            throw new IllegalArgumentException("input artifact " + name + " needs exactly one of location and data");
        }
    }

    /** An artifact stored at {@code location}. */
    public static InputArtifact at(String name, String path, URI location, Optional<ArtifactArchive> archive) {
        return new InputArtifact(name, path, Optional.of(location), Optional.empty(), archive, OptionalInt.empty(),
                false, false);
    }

    /** An artifact given inline. */
    public static InputArtifact of(String name, String path, String data) {
        return new InputArtifact(name, path, Optional.empty(), Optional.of(data), Optional.empty(),
                OptionalInt.empty(), false, false);
    }
}
