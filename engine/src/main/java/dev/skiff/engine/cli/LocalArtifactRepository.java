package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.yaml.YamlDocument;
import dev.skiff.engine.yaml.YamlException;
import dev.skiff.engine.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * The file of {@code skiff run --artifact-repository FILE}: Argo's {@code ArtifactRepository} as an Argo user has it,
 * either the object itself ({@code s3: {bucket, endpoint, ...}}, {@code archiveLogs}), a
 * {@code workflow-controller-configmap} value ({@code artifactRepository: ...}), or an {@code artifact-repositories}
 * ConfigMap (its default key: the {@code workflows.argoproj.io/default-artifact-repository} annotation, else
 * {@code default-v1}, else its only key). S3-compatible repositories only; each is checked before the run.
 */
final class LocalArtifactRepository {

    private static final String DEFAULT_KEY_ANNOTATION = "workflows.argoproj.io/default-artifact-repository";
    private static final List<String> NOT_LOCAL = List.of("roleARN", "createBucketIfNotPresent", "encryptionOptions",
            "caSecret");
    private static final List<String> SECRETS = List.of("accessKeySecret", "secretKeySecret", "sessionTokenSecret");

    private LocalArtifactRepository() {
    }

    /**
     * The repository object of {@code file}, checked against the stores installed and the secrets given; of a
     * ConfigMap, the key the workflow's {@code spec.artifactRepositoryRef} names when it names one.
     */
    static ObjectNode read(Path file, boolean s3StoreInstalled, LocalSecrets secrets, JsonNode ref) {
        String where = "--artifact-repository " + file;
        List<YamlDocument> docs;
        try {
            docs = YamlReader.lenient().readAll(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserInputException(where + ": cannot read it: " + e.getMessage(), e);
        } catch (YamlException e) {
            throw new UserInputException(where + ": not valid YAML: " + e.getMessage(), e);
        }
        if (docs.size() != 1 || !docs.getFirst().root().isObject()) {
            throw new UserInputException(where + ": must hold one YAML mapping: an artifact repository (s3: ...),"
                    + " or an artifact-repositories ConfigMap");
        }
        ObjectNode repository = unwrap(where, (ObjectNode) docs.getFirst().root(), ref);
        JsonNode s3 = repository.get("s3");
        if (!(s3 instanceof ObjectNode)) {
            Iterator<String> kinds = repository.fieldNames();
            String kind = kinds.hasNext() ? kinds.next() : "empty";
            throw new UserInputException(where + ": skiff run supports S3-compatible artifact repositories (s3:"
                    + " ...) only; this one is " + kind);
        }
        if (s3.path("bucket").asText("").isEmpty()) {
            throw new UserInputException(where + ": s3.bucket is not set");
        }
        if (!s3StoreInstalled) {
            throw new UserInputException(where + ": an S3 repository needs Skiff's artifacts-s3 plugin, which is not"
                    + " installed (plugins/artifacts-s3 of the distribution)");
        }
        for (String field : NOT_LOCAL) {
            if (s3.hasNonNull(field) && !(s3.get(field).isTextual() && s3.get(field).asText().isEmpty())) {
                throw new UserInputException(where + ": s3." + field + " is not supported by skiff run yet");
            }
        }
        for (String field : SECRETS) {
            String name = s3.path(field).path("name").asText("");
            String key = s3.path(field).path("key").asText("");
            if (!name.isEmpty() && secrets.value(name, key).isEmpty()) {
                throw new UserInputException(where + ": s3." + field + " names secret " + name + " key " + key
                        + ": give skiff run that Secret with --secret FILE (a Kubernetes Secret manifest)");
            }
        }
        return repository;
    }

    private static ObjectNode unwrap(String where, ObjectNode doc, JsonNode ref) {
        if (doc.path("artifactRepository").isObject()) {
            return (ObjectNode) doc.get("artifactRepository");
        }
        if (!"ConfigMap".equals(doc.path("kind").asText(""))) {
            return doc;
        }
        JsonNode data = doc.path("data");
        String wanted = ref.path("configMap").asText("");
        String name = doc.path("metadata").path("name").asText("");
        if (!wanted.isEmpty() && !wanted.equals(name)) {
            throw new UserInputException(where + ": spec.artifactRepositoryRef names ConfigMap " + wanted
                    + ", and this file holds ConfigMap " + (name.isEmpty() ? "(no name)" : name));
        }
        String key = ref.path("key").asText("");
        if (!key.isEmpty()) {
            if (!data.path(key).isTextual()) {
                throw new UserInputException(where + ": spec.artifactRepositoryRef names key " + key + ", which the"
                        + " ConfigMap does not have");
            }
        } else {
            key = doc.path("metadata").path("annotations").path(DEFAULT_KEY_ANNOTATION).asText("");
        }
        if (key.isEmpty()) {
            key = data.has("default-v1") || data.size() != 1 ? "default-v1" : data.fieldNames().next();
        }
        if (!data.path(key).isTextual()) {
            throw new UserInputException(where + ": the ConfigMap has no key " + key + " (its default repository)");
        }
        try {
            List<YamlDocument> inner = YamlReader.lenient().readAll(data.get(key).asText());
            if (inner.size() != 1 || !inner.getFirst().root().isObject()) {
                throw new UserInputException(where + ": data." + key + " is not one artifact repository mapping");
            }
            return (ObjectNode) inner.getFirst().root();
        } catch (YamlException e) {
            throw new UserInputException(where + ": data." + key + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
