package dev.skiff.engine.lint;

import dev.skiff.engine.model.Artifact;
import java.util.List;
import java.util.Optional;

/**
 * Which artifacts the local executor can place and save: those stored in Skiff's local repository (no
 * location, or a key-only {@code s3: {key: ...}}) and inline {@code raw} ones. Remote stores (buckets,
 * git, http, ...) are refused, as are Argo features whose local form is not written yet.
 */
final class ArtifactSupport {

    private static final String HINT = "use the local artifact repository instead: an output with a path, an "
            + "input with from: \"{{steps.X.outputs.artifacts.Y}}\", raw: {data: ...}, or a key-only s3: {key: ...}";

    private ArtifactSupport() {
    }

    /** Problems with the artifacts declared at {@code where} ("templates.T.inputs", "spec.arguments", ...). */
    static void check(String template, String where, List<Artifact> artifacts, Problems problems) {
        for (Artifact art : artifacts) {
            problem(where + ".artifacts." + art.name(), art).ifPresent(message ->
                    problems.unsupported(template, message, HINT));
        }
    }

    /** Why the local executor cannot handle {@code art}, if it cannot. */
    static Optional<String> problem(String where, Artifact art) {
        Optional<String> kind = art.locationKind();
        if (kind.isPresent() && !kind.get().equals("raw") && !art.isKeyOnly()) {
            String what = kind.get().equals("s3") ? "s3 artifacts with a bucket or endpoint" : kind.get() + " artifacts";
            return Optional.of(where + ": " + what + " are not supported by the local executor");
        }
        if (art.raw().path("archiveLogs").asBoolean(false)) {
            return Optional.of(where + ": archiveLogs is not supported by the local executor");
        }
        if (art.archive().filter("zip"::equals).isPresent()) {
            return Optional.of(where + ": archive zip is not supported by the local executor");
        }
        return Optional.empty();
    }
}
