package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.JsonTree;
import java.util.List;
import java.util.Map;

/** Argo's Artifact.HasLocation / HasKey, read from template JSON. */
final class Artifacts {

    /** Location kinds and the fields each needs to be a complete location (ArtifactLocation.HasLocation). */
    private static final List<Map.Entry<String, List<String>>> LOCATIONS = List.of(
            Map.entry("s3", List.of("endpoint", "bucket", "key")),
            Map.entry("git", List.of("repo")),
            Map.entry("http", List.of("url")),
            Map.entry("artifactory", List.of("url", "usernameSecret")),
            Map.entry("hdfs", List.of("addresses")),
            Map.entry("oss", List.of("bucket", "endpoint", "key")),
            Map.entry("gcs", List.of("bucket", "key")),
            Map.entry("azure", List.of("endpoint", "container", "blob")),
            Map.entry("plugin", List.of("name", "configuration", "key")));

    private Artifacts() {
    }

    /** Whether the artifact names a complete location of its own (or is raw data). */
    static boolean hasLocation(Map<String, Object> art) {
        if (art.get("raw") instanceof Map<?, ?>) {
            return true;
        }
        for (Map.Entry<String, List<String>> kind : LOCATIONS) {
            Object at = art.get(kind.getKey());
            if (at instanceof Map<?, ?> && kind.getValue().stream().allMatch(f -> present(JsonTree.at(at, f)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean present(Object value) {
        return value instanceof Map<?, ?> || !JsonTree.list(value).isEmpty() || !JsonTree.text(value).isEmpty();
    }

    /** Whether it has a location, or at least a key within the artifact repository. */
    static boolean hasLocationOrKey(Map<String, Object> art) {
        if (hasLocation(art)) {
            return true;
        }
        for (Map.Entry<String, List<String>> kind : LOCATIONS) {
            Object at = art.get(kind.getKey());
            if (at instanceof Map<?, ?> && !JsonTree.text(JsonTree.at(at, "key")).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
