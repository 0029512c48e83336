package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.golang.GoPaths;
import dev.skiff.engine.template.UnresolvedTags;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argo's artifact repository turned into a template's {@code archiveLocation} (ArtifactRepository.ToArtifactLocation
 * with the repository's {@code keyFormat}, or {@code keyPrefix} + {@code {{workflow.name}}/{{pod.name}}}), then its
 * variables substituted as substitutePodParams does, and checked as VerifyResolvedVariables does. S3-compatible
 * repositories only so far. Pure.
 */
final class ArgoArchiveLocation {

    /** Argo's DefaultArchivePattern. */
    static final String DEFAULT_KEY_FORMAT = "{{workflow.name}}/{{pod.name}}";
    /** Repository kinds Argo knows besides S3 (ArtifactRepository.Get). */
    private static final List<String> OTHER_KINDS = List.of("artifactory", "azure", "gcs", "hdfs", "oss", "plugin");
    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");

    private ArgoArchiveLocation() {
    }

    /** {@code s3://<bucket>/} for an S3 repository with a bucket. */
    static Optional<URI> bucketUri(ObjectNode repository) {
        String bucket = repository.path("s3").path("bucket").asText("");
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI("s3", bucket, "/", null, null));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * The archive location of a pod; empty when the repository has no location at all (nothing configured).
     *
     * @throws ReconcileException for a kind of repository Skiff does not handle yet, or a variable that does not
     *                            resolve
     */
    static Optional<ObjectNode> of(ObjectNode repository, Map<String, String> globals, String podName,
                                   boolean archiveLogs) {
        JsonNode s3 = repository.get("s3");
        if (!(s3 instanceof ObjectNode bucket)) {
            if (OTHER_KINDS.stream().anyMatch(repository::has)) {
                throw new ReconcileException(unsupportedKind(repository));
            }
            return Optional.empty();
        }
        ObjectNode location = GoJson.MAPPER.createObjectNode();
        location.put("archiveLogs", archiveLogs);
        ObjectNode target = location.putObject("s3");
        bucket.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("keyFormat") && !f.getKey().equals("keyPrefix")) {
                target.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        String format = bucket.path("keyFormat").asText("");
        target.put("key", format.isEmpty() ? GoPaths.join(bucket.path("keyPrefix").asText(""), DEFAULT_KEY_FORMAT)
                : format);
        Map<String, String> scope = new HashMap<>(globals);
        scope.put("pod.name", podName);
        JsonNode rendered = Tags.renderTree(location, scope, UnresolvedTags.KEEP);
        unresolved(rendered).ifPresent(tag -> {
            throw new ReconcileException("failed to resolve {{" + tag + "}}");
        });
        return Optional.of((ObjectNode) rendered);
    }

    /** Location kinds and the fields each needs to be complete (Argo's ArtifactLocation.HasLocation). */
    private static final Map<String, List<String>> COMPLETE = Map.of("s3", List.of("endpoint", "bucket", "key"),
            "git", List.of("repo"), "http", List.of("url"), "artifactory", List.of("url", "usernameSecret"),
            "hdfs", List.of("addresses"), "oss", List.of("bucket", "endpoint", "key"), "gcs", List.of("bucket", "key"),
            "azure", List.of("endpoint", "container", "blob"), "plugin", List.of("name", "configuration", "key"));

    /** Argo's HasLocation of an artifact or archive location: raw data, or a location with every part set. */
    static boolean hasLocation(JsonNode artifact) {
        if (artifact.path("raw").isObject()) {
            return true;
        }
        for (Map.Entry<String, List<String>> kind : COMPLETE.entrySet()) {
            JsonNode at = artifact.path(kind.getKey());
            if (at.isObject() && kind.getValue().stream().allMatch(f -> present(at.path(f)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean present(JsonNode value) {
        return value.isObject() || value.isArray() && !value.isEmpty() || value.isTextual() && !value.asText().isEmpty();
    }

    /** The key of an archive location. */
    static String key(ObjectNode location) {
        return location.path("s3").path("key").asText("");
    }

    /** Why a repository of another kind cannot be used yet. */
    static String unsupportedKind(ObjectNode repository) {
        String kind = OTHER_KINDS.stream().filter(repository::has).findFirst().orElse("unknown");
        return "the artifact repository is a " + kind + " repository; Skiff's controller supports S3-compatible"
                + " artifact repositories only so far";
    }

    private static Optional<String> unresolved(JsonNode node) {
        if (node.isTextual()) {
            Matcher m = TAG.matcher(node.textValue());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
        for (JsonNode child : node) {
            Optional<String> found = unresolved(child);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
