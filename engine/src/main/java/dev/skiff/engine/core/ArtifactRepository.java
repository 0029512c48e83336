package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Artifact;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default artifact repository, as the reconciler sees it: where an artifact with a key is stored. Two kinds:
 * <ul>
 * <li>Skiff's own ({@link #at}), for {@code skiff run}: keys are Argo's default ({@code <workflow>/<pod>/<file>}, or
 * an artifact's own {@code s3.key}) under a root URI ({@code file:} directory) that the local executor reads and
 * writes;</li>
 * <li>Argo's ({@link #argo}), for steps run by Argo's executor: the repository the controller resolved as Argo does
 * ({@code status.artifactRepositoryRef.artifactRepository}); keys follow its {@code keyFormat}/{@code keyPrefix},
 * and each pod's template carries the {@code archiveLocation} argoexec stores to ({@link ArgoArchiveLocation}).</li>
 * </ul>
 * Pure.
 *
 * @param root the repository's root, a URI ending with {@code /}; empty when none is configured
 * @param argo Argo's repository object ({@code {s3: {bucket, endpoint, keyFormat, ...}, archiveLogs}}) when steps
 *             run with argoexec; an empty object when the controller found none configured
 */
public record ArtifactRepository(Optional<URI> root, Optional<ObjectNode> argo) {

    /** No repository: artifacts that need one fail their step. */
    public static final ArtifactRepository NONE = new ArtifactRepository(Optional.empty(), Optional.empty());

    /** Argo's sentence for a step that needs the artifact repository where none is configured. */
    static final String NOT_CONFIGURED = "artifact storage is not configured; see the docs for setup instructions:"
            + " https://argo-workflows.readthedocs.io/en/latest/configure-artifact-repository/";

    public ArtifactRepository {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(argo, "argo");
        root = root.map(r -> r.getPath() != null && r.getPath().endsWith("/") ? r : URI.create(r + "/"));
        argo = argo.map(ObjectNode::deepCopy);
    }

    /** A repository rooted at {@code root} (a directory or bucket URI). */
    public static ArtifactRepository at(URI root) {
        return new ArtifactRepository(Optional.of(root), Optional.empty());
    }

    /**
     * Argo's artifact repository as configured (an {@code artifactRepository} object: {@code s3}, {@code gcs}, ...,
     * {@code archiveLogs}); an empty object when none is: steps that need one then fail with Argo's message.
     */
    public static ArtifactRepository argo(ObjectNode repository) {
        return new ArtifactRepository(ArgoArchiveLocation.bucketUri(repository), Optional.of(repository));
    }

    /** Whether steps run with Argo's executor, which reaches every kind of artifact store itself. */
    boolean argoexec() {
        return argo.isPresent();
    }

    /**
     * The key prefix of a pod's artifacts without a location of their own: Argo's default key format
     * {@code {{workflow.name}}/{{pod.name}}}, or for Argo's repository its {@code keyFormat} ({@code keyPrefix}
     * before the default format), with the workflow's variables and {@code pod.name} substituted.
     */
    String keyPrefix(Map<String, String> globals, String workflowName, String podName) {
        if (argo.isEmpty()) {
            return workflowName + "/" + podName;
        }
        ObjectNode location = ArgoArchiveLocation.of(argo.get(), globals, podName, false)
                .orElseThrow(() -> new ReconcileException(NOT_CONFIGURED));
        return ArgoArchiveLocation.key(location);
    }

    /**
     * Argo's addArchiveLocation for a pod's template ({@code ARGO_TEMPLATE}): the repository's location with its
     * key format substituted; empty for Skiff's own repository or when Argo's has no location.
     */
    Optional<ObjectNode> archiveLocation(Map<String, String> globals, String podName, boolean archiveLogs) {
        return argo.flatMap(repo -> ArgoArchiveLocation.of(repo, globals, podName, archiveLogs));
    }

    /** Whether Argo's repository turns on archived logs for every step ({@code archiveLogs: true}). */
    boolean archivesLogs() {
        return argo.map(a -> a.path("archiveLogs").asBoolean(false)).orElse(false);
    }

    /** The URI of {@code key}; fails for a repository that is not configured or a key that leaves it. */
    URI location(String key) {
        if (root.isEmpty()) {
            if (argo.isPresent()) {
                throw new ReconcileException(argo.get().isEmpty() ? NOT_CONFIGURED
                        : ArgoArchiveLocation.unsupportedKind(argo.get()));
            }
            throw new ReconcileException("artifact storage is not configured: no artifact repository for key \"" + key
                    + "\"");
        }
        String relative = key.replaceFirst("^/+", "");
        for (String part : relative.split("/")) {
            if (part.equals("..")) {
                throw new ReconcileException("artifact key \"" + key + "\" must not contain '..'");
            }
        }
        try {
            return root.get().resolve(new URI(null, null, relative, null));
        } catch (URISyntaxException e) {
            throw new ReconcileException("artifact key \"" + key + "\" is not a valid path: " + e.getMessage());
        }
    }

    /**
     * The URI of an artifact: its own location when it has a complete one (steps run by argoexec only; such as
     * {@code s3://bucket/key}), else its key in this repository.
     */
    URI locationOf(Artifact art, String key) {
        if (argoexec() && art.locationKind().isPresent() && !art.isKeyOnly()) {
            String kind = art.locationKind().get();
            String bucket = art.raw().path(kind).path("bucket").asText("");
            try {
                return new URI(kind, bucket.isEmpty() ? null : bucket, "/" + key.replaceFirst("^/+", ""), null, null);
            } catch (URISyntaxException e) {
                throw new ReconcileException("artifact key \"" + key + "\" is not a valid path: " + e.getMessage());
            }
        }
        return location(key);
    }
}
