package dev.skiff.artifacts.s3;

import dev.skiff.spi.artifact.ArtifactStore;
import dev.skiff.spi.artifact.ArtifactStoreContext;
import dev.skiff.spi.artifact.ArtifactStoreFactory;

/** The {@code s3} store for S3-compatible object stores. */
public final class S3ArtifactStoreFactory implements ArtifactStoreFactory {

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public ArtifactStore create(ArtifactStoreContext context) {
        return new S3ArtifactStore(new S3Clients(context));
    }
}
