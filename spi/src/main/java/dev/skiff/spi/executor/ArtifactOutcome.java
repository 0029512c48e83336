package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import java.util.Objects;

/**
 * What became of one input or output artifact of a step: facts only; the engine words the
 * messages users see.
 *
 * @param name   the artifact's name
 * @param status what happened
 * @param detail for {@link Status#FAILED}: the cause (an I/O error, an unsupported location);
 *               otherwise empty
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record ArtifactOutcome(String name, Status status, String detail) {

    /** What happened to an artifact. */
    @Stability(Stability.Level.EXPERIMENTAL)
    public enum Status {
        /** An input was placed at its path, or an output stored at its location. */
        DONE,
        /** An input's source does not exist (an optional one is then skipped), or an output's path does not. */
        NOT_FOUND,
        /** Loading or saving failed for another reason, given as detail. */
        FAILED
    }

    public ArtifactOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public static ArtifactOutcome done(String name) {
        return new ArtifactOutcome(name, Status.DONE, "");
    }

    public static ArtifactOutcome notFound(String name) {
        return new ArtifactOutcome(name, Status.NOT_FOUND, "");
    }

    public static ArtifactOutcome failed(String name, String detail) {
        return new ArtifactOutcome(name, Status.FAILED, detail);
    }
}
