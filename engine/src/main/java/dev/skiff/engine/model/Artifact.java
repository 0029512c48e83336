package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An Argo artifact (an input, output, argument or workflow output) as its JSON, with typed access to what
 * the engine interprets. Unknown fields are kept; {@link #json()} writes Argo's field order. Immutable.
 *
 * @param raw the artifact's fields (copied)
 */
public record Artifact(ObjectNode raw) {

    /** Argo's location fields (ArtifactLocation), in Go's field order. */
    public static final List<String> LOCATIONS = List.of("s3", "git", "http", "artifactory", "hdfs", "raw", "oss",
            "gcs", "azure", "plugin");
    /** Argo's Artifact fields in Go's order ({@code archiveLogs} and the locations sit after {@code from}). */
    private static final List<String> ORDER = List.of("name", "path", "mode", "from", "archiveLogs", "s3", "git", "http",
            "artifactory", "hdfs", "raw", "oss", "gcs", "azure", "plugin", "globalName", "archive", "optional",
            "subPath", "recurseMode", "fromExpression", "artifactGC", "deleted");

    public Artifact {
        raw = raw.deepCopy();
    }

    /** An artifact with only a name. */
    public static Artifact named(String name) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", name);
        return new Artifact(node);
    }

    /** Reads one artifact; type errors name the path. */
    public static Artifact read(JsonNode node, String path) {
        if (!node.isObject()) {
            throw JsonFields.mismatch(path, "an object", node);
        }
        JsonFields.text(node, "name", path);
        JsonFields.text(node, "path", path);
        JsonFields.text(node, "from", path);
        JsonFields.bool(node, "optional", path);
        JsonFields.integer(node, "mode", path);
        return new Artifact((ObjectNode) node);
    }

    /** Reads the list {@code parent.field}. */
    public static List<Artifact> readList(JsonNode parent, String field, String path) {
        List<JsonNode> items = JsonFields.list(parent, field, path);
        java.util.ArrayList<Artifact> out = new java.util.ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(read(items.get(i), path + "." + field + "[" + i + "]"));
        }
        return out;
    }

    public String name() {
        return raw.path("name").asText("");
    }

    /** The container path, as written. */
    public String path() {
        return raw.path("path").asText("");
    }

    public String from() {
        return raw.path("from").asText("");
    }

    public String fromExpression() {
        return raw.path("fromExpression").asText("");
    }

    public String globalName() {
        return raw.path("globalName").asText("");
    }

    public String subPath() {
        return raw.path("subPath").asText("");
    }

    public boolean optional() {
        return raw.path("optional").asBoolean(false) || "true".equals(raw.path("optional").asText(""));
    }

    public boolean recurseMode() {
        return raw.path("recurseMode").asBoolean(false);
    }

    /** The {@code mode} bits, when set. */
    public OptionalInt mode() {
        JsonNode mode = raw.get("mode");
        if (mode == null || mode.isNull()) {
            return OptionalInt.empty();
        }
        if (mode.canConvertToInt()) {
            return OptionalInt.of(mode.intValue());
        }
        try {
            return OptionalInt.of(Integer.parseInt(mode.asText().trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The location field that is set ({@code s3}, {@code raw}, {@code http}, ...), if any. */
    public Optional<String> locationKind() {
        for (String kind : LOCATIONS) {
            if (raw.hasNonNull(kind)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The key of the location ({@code s3.key}, {@code gcs.key}, ...), when there is one. */
    public Optional<String> key() {
        return locationKind().filter(k -> !k.equals("raw") && !k.equals("git"))
                .map(k -> raw.path(k).path(k.equals("http") || k.equals("artifactory") ? "url" : "key").asText(""))
                .filter(k -> !k.isEmpty());
    }

    /** {@code raw.data}, for raw artifacts. */
    public Optional<String> rawData() {
        return raw.hasNonNull("raw") ? Optional.of(raw.path("raw").path("data").asText("")) : Optional.empty();
    }

    /** Whether the artifact is an S3 key without bucket or endpoint: a key in the default repository. */
    public boolean isKeyOnly() {
        JsonNode s3 = raw.get("s3");
        return locationKind().filter("s3"::equals).isPresent() && s3.isObject()
                && !s3.path("key").asText("").isEmpty()
                && s3.path("bucket").asText("").isEmpty() && s3.path("endpoint").asText("").isEmpty();
    }

    /** Argo's HasLocationOrKey: a location field with a full location or at least a key (raw counts). */
    public boolean hasLocationOrKey() {
        return key().isPresent() || raw.hasNonNull("raw") || (raw.hasNonNull("git")
                && !raw.path("git").path("repo").asText("").isEmpty());
    }

    /** The archive strategy written: {@code tar}, {@code none} or {@code zip}; empty when not set. */
    public Optional<String> archive() {
        JsonNode archive = raw.get("archive");
        if (archive == null || !archive.isObject()) {
            return Optional.empty();
        }
        for (String kind : List.of("tar", "none", "zip")) {
            if (archive.hasNonNull(kind)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public Artifact withName(String name) {
        return with(n -> n.put("name", name));
    }

    public Artifact withPath(String path) {
        return with(n -> {
            if (path.isEmpty()) {
                n.remove("path");
            } else {
                n.put("path", path);
            }
        });
    }

    /** This artifact with {@code field} set to {@code value} (a copy), or removed when value is null. */
    public Artifact withField(String field, JsonNode value) {
        return with(n -> {
            if (value == null || value.isNull()) {
                n.remove(field);
            } else {
                n.set(field, value.deepCopy());
            }
        });
    }

    /** This artifact stored under {@code key} in the default repository ({@code s3: {key: ...}}), as Argo records it. */
    public Artifact withS3Key(String key) {
        return with(n -> {
            LOCATIONS.forEach(n::remove);
            n.putObject("s3").put("key", key);
        });
    }

    /** The artifact in Argo's JSON field order. */
    public ObjectNode json() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String field : ORDER) {
            if (raw.has(field)) {
                out.set(field, raw.get(field).deepCopy());
            }
        }
        raw.properties().forEach(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return out;
    }

    private Artifact with(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode copy = raw.deepCopy();
        change.accept(copy);
        return new Artifact(copy);
    }
}
