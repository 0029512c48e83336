package dev.skiff.engine.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * Argo's default artifact repository, as the reconciler sees it: where an artifact with a key is stored.
 * Keys are Argo's ({@code <workflow name>/<pod name>/<file>} by default, or an artifact's own {@code s3.key});
 * the repository turns them into URIs under its root, which executors read and write. Skiff's CLI uses a
 * local directory ({@code file:} URI); a pod executor could use {@code s3://bucket/}. Pure.
 *
 * @param root the repository's root, a URI ending with {@code /}; empty when none is configured
 */
public record ArtifactRepository(Optional<URI> root) {

    /** No repository: artifacts that need one fail their step. */
    public static final ArtifactRepository NONE = new ArtifactRepository(Optional.empty());

    public ArtifactRepository {
        Objects.requireNonNull(root, "root");
        root = root.map(r -> r.getPath() != null && r.getPath().endsWith("/") ? r : URI.create(r + "/"));
    }

    /** A repository rooted at {@code root} (a directory or bucket URI). */
    public static ArtifactRepository at(URI root) {
        return new ArtifactRepository(Optional.of(root));
    }

    /** Argo's default key format {@code {{workflow.name}}/{{pod.name}}}. */
    static String defaultKeyPrefix(String workflowName, String podName) {
        return workflowName + "/" + podName;
    }

    /** The URI of {@code key}; fails for a repository that is not configured or a key that leaves it. */
    URI location(String key) {
        if (root.isEmpty()) {
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
}
