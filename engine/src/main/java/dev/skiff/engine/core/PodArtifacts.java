package dev.skiff.engine.core;

import dev.skiff.engine.golang.GoPaths;
import dev.skiff.engine.model.Artifact;
import dev.skiff.engine.model.Template;
import dev.skiff.spi.executor.ArtifactArchive;
import dev.skiff.spi.executor.ArtifactOutcome;
import dev.skiff.spi.executor.InputArtifact;
import dev.skiff.spi.executor.OutputArtifact;
import dev.skiff.spi.executor.StepOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A pod's artifacts: what its executor must place and save (what Argo's {@code init} and {@code wait}
 * containers do), and what the node records afterwards, with Argo's messages when that failed.
 */
final class PodArtifacts {

    private PodArtifacts() {
    }

    /** The input artifacts to place, in declaration order; optional ones that were not supplied are left out. */
    static List<InputArtifact> inputs(Ctx ctx, Template tmpl) {
        List<InputArtifact> out = new ArrayList<>();
        for (Artifact art : tmpl.inputs().artifacts()) {
            if (!art.hasLocationOrKey()) {
                if (art.optional()) {
                    continue;
                }
                throw new ReconcileException("required artifact '" + art.name() + "' not supplied");
            }
            String path = cleanPath(art);
            OptionalInt mode = art.mode();
            if (art.rawData().isPresent()) {
                out.add(new InputArtifact(art.name(), path, Optional.empty(), art.rawData(), Optional.empty(), mode,
                        art.recurseMode(), art.optional()));
                continue;
            }
            checkSupported(ctx, art, "inputs");
            out.add(new InputArtifact(art.name(), path, Optional.of(ctx.artifacts.locationOf(art, art.key().orElse(""))),
                    Optional.empty(), art.archive().map(PodArtifacts::archive), mode, art.recurseMode(),
                    art.optional()));
        }
        return out;
    }

    /** The output artifacts to save, in declaration order, each at its key in the repository. */
    static List<OutputArtifact> outputs(Ctx ctx, Template tmpl, String podName) {
        List<OutputArtifact> out = new ArrayList<>();
        for (Artifact art : tmpl.outputs().artifacts()) {
            out.add(new OutputArtifact(art.name(), cleanPath(art), ctx.artifacts.locationOf(art, key(ctx, art, podName)),
                    archive(art.archive().orElse("tar"))));
        }
        return out;
    }

    /**
     * Argo's saveArtifactFromFile key: the artifact's own key, else the repository's key prefix (by default
     * {@code <wf>/<pod>}) joined with the archived file's name.
     */
    static String key(Ctx ctx, Artifact art, String podName) {
        if (art.locationKind().isPresent()) {
            checkSupported(ctx, art, "outputs");
            return art.key().orElse("");
        }
        String fileName = switch (art.archive().orElse("tar")) {
            case "none" -> base(cleanPath(art));
            case "zip" -> art.name() + ".zip";
            default -> art.name() + ".tgz";
        };
        return ctx.artifacts.keyPrefix(ctx.globals, ctx.wfName, podName) + "/" + fileName;
    }

    /** Where an input failed to load: Argo's init container error, as the node message; empty when all loaded. */
    static Optional<String> loadError(Template tmpl, StepOutcome outcome) {
        for (ArtifactOutcome result : outcome.inputArtifacts()) {
            Optional<Artifact> art = tmpl.inputs().artifact(result.name());
            String detail = switch (result.status()) {
                case DONE -> null;
                case NOT_FOUND -> art.filter(Artifact::optional).isPresent() ? null
                        // What Argo's S3 driver passes on from the store for an absent key (NoSuchKey).
                        : "artifact " + result.name() + " failed to load: The specified key does not exist.";
                case FAILED -> "artifact " + result.name() + " failed to load: " + result.detail();
            };
            if (detail != null) {
                return Optional.of("init: Error (exit code " + MissingOutputFile.WAIT_EXIT_CODE + "): " + detail);
            }
        }
        return Optional.empty();
    }

    /**
     * What the node records of its output artifacts (those saved, with their key, as Argo's executor reports
     * them) and, when a required one is missing or failed, the {@code wait} container's message.
     */
    record Saved(List<Artifact> artifacts, Optional<String> error) {
    }

    static Saved saved(Ctx ctx, Template tmpl, String podName, StepOutcome outcome) {
        List<Artifact> saved = new ArrayList<>();
        StringBuilder errors = new StringBuilder();
        for (Artifact art : tmpl.outputs().artifacts()) {
            ArtifactOutcome result = outcome.outputArtifacts().stream().filter(r -> r.name().equals(art.name()))
                    .findFirst().orElse(null);
            if (result == null) {
                continue;
            }
            switch (result.status()) {
                // A location of its own is recorded as written (argoexec stored it there), else the key in the
                // repository, as Argo's executor sets it (SetType + SetKey: s3 with the key only).
                case DONE -> saved.add(ownLocation(ctx, art) ? art.withPath(cleanPath(art))
                        : art.withPath(cleanPath(art)).withS3Key(key(ctx, art, podName)));
                case NOT_FOUND -> {
                    if (!art.optional()) {
                        errors.append(missingMessage(tmpl, art)).append("; ");
                    }
                }
                case FAILED -> errors.append(result.detail()).append("; ");
            }
        }
        return new Saved(saved, errors.isEmpty() ? Optional.empty()
                : Optional.of("wait: Error (exit code " + MissingOutputFile.WAIT_EXIT_CODE + "): " + errors));
    }

    /**
     * The error Argo's executor gives for an output path that does not exist: the emissary's archive of it
     * is missing (a path in the image), or the file on the volume the path is on (where the wait container
     * reads it directly under {@code /mainctrfs}).
     */
    static String missingMessage(Template tmpl, Artifact art) {
        String path = cleanPath(art);
        boolean mirrored = MissingOutputFile.onVolumeMount(tmpl, path) || tmpl.inputs().artifacts().stream()
                .anyMatch(in -> in.path().equals(path) && in.hasLocationOrKey() || path.startsWith(in.path() + "/"));
        if (!mirrored) {
            String archived = GoPaths.join("/var/run/argo/outputs/artifacts", path.replaceFirst("/$", "") + ".tgz");
            return "open " + archived + ": no such file or directory";
        }
        if (art.archive().filter("none"::equals).isPresent()) {
            return path + " no such file or directory";
        }
        return "stat " + GoPaths.join("/mainctrfs", path) + ": no such file or directory";
    }

    /** Whether the step's executor stores the artifact at a location of its own, not in the repository. */
    private static boolean ownLocation(Ctx ctx, Artifact art) {
        return art.locationKind().filter(ctx.artifacts::reaches).isPresent() && !art.isKeyOnly();
    }

    /** Locations the step's executor does not reach (argoexec reaches all; the local one its store plugins'). */
    private static void checkSupported(Ctx ctx, Artifact art, String where) {
        String kind = art.locationKind().orElse("");
        if (kind.equals("s3") && art.isKeyOnly() || ctx.artifacts.reaches(kind)) {
            return;
        }
        String what = kind.equals("s3") ? "s3 artifacts with a bucket or endpoint" : kind + " artifacts";
        throw new ReconcileException(where + ".artifacts." + art.name() + ": " + what + " are not supported by "
                + "Skiff's local runs; use a key-only artifact (s3: {key: ...}) in the artifact repository, or"
                + " install the artifacts-s3 plugin for s3 locations");
    }

    /** Argo's Artifact.CleanPath: the path cleaned; {@code ..} may not leave the directory before it. */
    static String cleanPath(Artifact art) {
        if (art.path().isEmpty()) {
            throw new ReconcileException("Artifact '" + art.name() + "' did not specify a path");
        }
        String path = art.path();
        int dots = path.indexOf("/../");
        String safeDir = dots >= 0 ? path.substring(0, dots) : path.endsWith("/..") ? path.substring(0,
                path.length() - 3) : "";
        String cleaned = GoPaths.clean(path);
        if (!safeDir.isEmpty() && (!cleaned.startsWith(safeDir + "/") || cleaned.length() <= safeDir.length() + 1)) {
            throw new ReconcileException("Artifact '" + art.name() + "' attempted to use a path containing '..'. "
                    + "Directory traversal is not permitted");
        }
        return cleaned;
    }

    private static String base(String path) {
        String trimmed = path.replaceFirst("/+$", "");
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(slash + 1);
    }

    static ArtifactArchive archive(String kind) {
        return switch (kind) {
            case "none" -> ArtifactArchive.NONE;
            case "zip" -> ArtifactArchive.ZIP;
            default -> ArtifactArchive.TAR_GZ;
        };
    }
}
