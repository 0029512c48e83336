package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Artifact;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The default artifact repository, as the reconciler sees it: where an artifact with a key is stored. Three kinds:
 * <ul>
 * <li>Skiff's own ({@link #at}), for {@code skiff run}: keys are Argo's default ({@code <workflow>/<pod>/<file>}, or
 * an artifact's own {@code s3.key}) under a root URI ({@code file:} directory) that the local executor reads and
 * writes;</li>
 * <li>Argo's ({@link #argo}), for steps run by Argo's executor: the repository the controller resolved as Argo does
 * ({@code status.artifactRepositoryRef.artifactRepository}); keys follow its {@code keyFormat}/{@code keyPrefix},
 * and each pod's template carries the {@code archiveLocation} argoexec stores to ({@link ArgoArchiveLocation});</li>
 * <li>Argo's repository for {@code skiff run} ({@link #local}): keys as Argo computes them, locations as
 * {@code s3://} URIs ({@link S3Locations}) that the local executor reaches through an artifact store plugin.</li>
 * </ul>
 * Artifacts with a complete location of their own ({@code s3: {endpoint, bucket, key}}, ...) are stored there when
 * the executor reaches that kind of store ({@code reachable}). Pure.
 *
 * @param root      the repository's root, a URI ending with {@code /}; empty when none is configured
 * @param argo      Argo's repository object ({@code {s3: {bucket, endpoint, keyFormat, ...}, archiveLogs}}); an empty
 *                  object when the controller found none configured
 * @param argoexec  whether steps run with Argo's executor (their templates get the archive location)
 * @param reachable the location kinds ({@code s3}, {@code gcs}, ...) whose own locations the executor reaches
 */
public record ArtifactRepository(Optional<URI> root, Optional<ObjectNode> argo, boolean argoexec,
                                 Set<String> reachable) {

    /** No repository: artifacts that need one fail their step. */
    public static final ArtifactRepository NONE = new ArtifactRepository(Optional.empty(), Optional.empty(), false,
            Set.of());

    /** Argo's sentence for a step that needs the artifact repository where none is configured. */
    static final String NOT_CONFIGURED = "artifact storage is not configured; see the docs for setup instructions:"
            + " https://argo-workflows.readthedocs.io/en/latest/configure-artifact-repository/";

    public ArtifactRepository {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(argo, "argo");
        root = root.map(r -> r.getPath() != null && r.getPath().endsWith("/") ? r : URI.create(r + "/"));
        argo = argo.map(ObjectNode::deepCopy);
        reachable = Set.copyOf(reachable);
    }

    /** A repository rooted at {@code root} (a directory URI); artifacts' own locations are not reached. */
    public static ArtifactRepository at(URI root) {
        return at(root, Set.of());
    }

    /** A directory repository for an executor that also reaches the {@code reachable} kinds of stores. */
    public static ArtifactRepository at(URI root, Set<String> reachable) {
        return new ArtifactRepository(Optional.of(root), Optional.empty(), false, reachable);
    }

    /**
     * Argo's artifact repository as configured (an {@code artifactRepository} object: {@code s3}, {@code gcs}, ...,
     * {@code archiveLogs}); an empty object when none is: steps that need one then fail with Argo's message.
     */
    public static ArtifactRepository argo(ObjectNode repository) {
        return new ArtifactRepository(ArgoArchiveLocation.bucketUri(repository), Optional.of(repository), true,
                Set.copyOf(Artifact.LOCATIONS));
    }

    /**
     * Argo's S3 repository for steps of the local executor ({@code skiff run --artifact-repository}), which reaches
     * the {@code reachable} kinds of stores itself.
     */
    public static ArtifactRepository local(ObjectNode repository, Set<String> reachable) {
        return new ArtifactRepository(ArgoArchiveLocation.bucketUri(repository), Optional.of(repository), false,
                reachable);
    }

    /** Whether the executor stores an artifact of this kind at a location of its own. */
    boolean reaches(String kind) {
        return reachable.contains(kind);
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
        return argo.filter(a -> argoexec).flatMap(repo -> ArgoArchiveLocation.of(repo, globals, podName, archiveLogs));
    }

    /** Whether Argo's repository turns on archived logs for every step ({@code archiveLogs: true}). */
    boolean archivesLogs() {
        return argoexec && argo.map(a -> a.path("archiveLogs").asBoolean(false)).orElse(false);
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
        JsonNode s3 = argo.map(a -> a.path("s3")).orElse(null);
        if (s3 != null && s3.isObject()) {
            return S3Locations.uri(s3, relative);
        }
        try {
            return root.get().resolve(new URI(null, null, relative, null));
        } catch (URISyntaxException e) {
            throw new ReconcileException("artifact key \"" + key + "\" is not a valid path: " + e.getMessage());
        }
    }

    /**
     * The URI of an artifact: its own location when it has a complete one (Argo's HasLocation: for S3 endpoint,
     * bucket and key; with Argo's repository only), else its key in this repository (Argo's Relocate: the
     * repository's bucket and settings, the artifact's key).
     */
    URI locationOf(Artifact art, String key) {
        if (reaches("s3") && art.locationKind().filter("s3"::equals).isPresent()) {
            return ArgoArchiveLocation.hasLocation(art.raw()) ? S3Locations.uri(art.raw().path("s3"), key)
                    : location(key);
        }
        if (art.locationKind().filter(this::reaches).isPresent() && !art.isKeyOnly()) {
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
