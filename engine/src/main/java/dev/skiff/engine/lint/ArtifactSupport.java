package dev.skiff.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.model.Artifact;
import java.util.List;
import java.util.Optional;

/**
 * Which artifacts the local executor can place and save: those stored in the default repository (no location, or a
 * key-only {@code s3: {key: ...}}: Skiff's local directory, or the S3 bucket of {@code --artifact-repository}),
 * inline {@code raw} ones, and S3 locations of their own when the S3 store plugin is installed and the secrets they
 * name were given ({@link LocalArtifactSetup}). Other remote stores (git, http, gcs, ...) are refused, as are Argo
 * features whose local form is not written yet.
 */
final class ArtifactSupport {

    private static final String HINT = "use the default artifact repository instead: an output with a path, an "
            + "input with from: \"{{steps.X.outputs.artifacts.Y}}\", raw: {data: ...}, or a key-only s3: {key: ...}";
    private static final String S3_HINT = "give skiff run an S3 repository (--artifact-repository FILE) and the"
            + " secrets it names (--secret FILE), or run it in a cluster";
    /** S3 fields the local store does not implement. */
    private static final List<String> S3_NOT_LOCAL = List.of("roleARN", "createBucketIfNotPresent",
            "encryptionOptions", "caSecret");
    private static final List<String> S3_SECRETS = List.of("accessKeySecret", "secretKeySecret",
            "sessionTokenSecret");

    private ArtifactSupport() {
    }

    /** Problems with the artifacts declared at {@code where} ("templates.T.inputs", "spec.arguments", ...). */
    static void check(String template, String where, List<Artifact> artifacts, LocalArtifactSetup setup,
                      Problems problems) {
        for (Artifact art : artifacts) {
            String at = where + ".artifacts." + art.name();
            problem(at, art, setup).ifPresent(message -> problems.unsupported(template, message,
                    art.locationKind().filter("s3"::equals).isPresent() ? S3_HINT : HINT));
        }
    }

    /** Why the local executor cannot handle {@code art}, if it cannot. */
    static Optional<String> problem(String where, Artifact art, LocalArtifactSetup setup) {
        Optional<String> kind = art.locationKind();
        if (kind.filter("s3"::equals).isPresent() && !art.isKeyOnly()) {
            Optional<String> s3 = s3Problem(where, art.raw().path("s3"), setup);
            if (s3.isPresent()) {
                return s3;
            }
        } else if (kind.isPresent() && !kind.get().equals("raw") && !art.isKeyOnly()
                && !setup.stores().contains(kind.get())) {
            return Optional.of(where + ": " + kind.get() + " artifacts are not supported by the local executor");
        }
        if (art.raw().path("archiveLogs").asBoolean(false)) {
            return Optional.of(where + ": archiveLogs is not supported by the local executor");
        }
        if (art.archive().filter("zip"::equals).isPresent()) {
            return Optional.of(where + ": archive zip is not supported by the local executor");
        }
        return Optional.empty();
    }

    private static Optional<String> s3Problem(String where, JsonNode s3, LocalArtifactSetup setup) {
        boolean complete = !s3.path("endpoint").asText("").isEmpty() && !s3.path("bucket").asText("").isEmpty()
                && !s3.path("key").asText("").isEmpty();
        if (!setup.stores().contains("s3")) {
            return Optional.of(where + ": s3 artifacts with a bucket or endpoint are not supported by the local"
                    + " executor without the artifacts-s3 plugin");
        }
        if (!complete) {
            // Argo stores it in the default repository under its key (Relocate): a local directory would do that
            // silently without the bucket, so only an S3 repository takes it.
            return setup.s3Repository() ? Optional.empty() : Optional.of(where + ": an s3 artifact without endpoint,"
                    + " bucket and key goes to the default repository's bucket, and skiff run was given no S3"
                    + " repository");
        }
        for (String field : S3_NOT_LOCAL) {
            if (s3.hasNonNull(field) && !(s3.get(field).isTextual() && s3.get(field).asText().isEmpty())) {
                return Optional.of(where + ": s3." + field + " is not supported by the local executor yet");
            }
        }
        for (String field : S3_SECRETS) {
            JsonNode ref = s3.path(field);
            String name = ref.path("name").asText("");
            String key = ref.path("key").asText("");
            if (!name.isEmpty() && !setup.secrets().contains(name + "/" + key)) {
                return Optional.of(where + ": s3." + field + " names secret " + name + " key " + key
                        + ", which skiff run was not given (--secret FILE with that Secret)");
            }
        }
        return Optional.empty();
    }
}
