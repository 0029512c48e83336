package dev.skiff.spi.artifact;

import dev.skiff.spi.Stability;
import java.io.IOException;

/** A store refused a request or could not be reached; the message says why and never holds a secret. */
@Stability(Stability.Level.EXPERIMENTAL)
public class ArtifactStoreException extends IOException {

    private static final long serialVersionUID = 1L;

    public ArtifactStoreException(String message) {
        super(message);
    }

    public ArtifactStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
