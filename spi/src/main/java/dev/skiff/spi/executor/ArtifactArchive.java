package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;

/** How an artifact is stored in its repository (Argo's {@code archive} strategy). */
@Stability(Stability.Level.EXPERIMENTAL)
public enum ArtifactArchive {
    /** A gzip-compressed tar holding the file or directory under its base name (Argo's default). */
    TAR_GZ,
    /** As is: a file stays a file, a directory a tree of files ({@code archive: {none: {}}}). */
    NONE,
    /** A zip archive ({@code archive: {zip: {}}}). */
    ZIP
}
