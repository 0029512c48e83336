package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.yaml.YamlDocument;
import dev.skiff.engine.yaml.YamlException;
import dev.skiff.engine.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The secrets of {@code skiff run --secret FILE}: Kubernetes {@code Secret} manifests ({@code data} base64,
 * {@code stringData} as is), what an Argo user keeps beside the repository's config; the values stand in for the
 * Secrets of the workflow's namespace. Values are never printed: messages name the secret and key only.
 */
final class LocalSecrets {

    private final Map<String, String> values;

    private LocalSecrets(Map<String, String> values) {
        this.values = values;
    }

    static LocalSecrets none() {
        return new LocalSecrets(Map.of());
    }

    /** Reads every document of each file; each must be a Secret with a name. */
    static LocalSecrets read(List<Path> files) {
        Map<String, String> values = new HashMap<>();
        for (Path file : files) {
            List<YamlDocument> docs;
            try {
                docs = YamlReader.lenient().readAll(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UserInputException("--secret " + file + ": cannot read it: " + e.getMessage(), e);
            } catch (YamlException e) {
                throw new UserInputException("--secret " + file + ": not valid YAML: " + e.getMessage(), e);
            }
            if (docs.isEmpty()) {
                throw new UserInputException("--secret " + file + ": holds no Secret");
            }
            for (YamlDocument doc : docs) {
                JsonNode secret = doc.root();
                String name = secret.path("metadata").path("name").asText("");
                if (!"Secret".equals(secret.path("kind").asText("")) || name.isEmpty()) {
                    throw new UserInputException("--secret " + file + ": document " + doc.number() + " is not a"
                            + " Kubernetes Secret with a metadata.name (kind: Secret, data or stringData)");
                }
                secret.path("data").properties().forEach(e -> {
                    try {
                        values.put(name + "/" + e.getKey(), new String(Base64.getMimeDecoder()
                                .decode(e.getValue().asText("")), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException bad) {
                        throw new UserInputException("--secret " + file + ": secret " + name + " key " + e.getKey()
                                + ": data is not base64 (use stringData for plain text)");
                    }
                });
                secret.path("stringData").properties().forEach(e ->
                        values.put(name + "/" + e.getKey(), e.getValue().asText("")));
            }
        }
        return new LocalSecrets(Map.copyOf(values));
    }

    /** The value of key {@code key} of secret {@code name}. */
    Optional<String> value(String name, String key) {
        return Optional.ofNullable(values.get(name + "/" + key));
    }

    /** Every {@code NAME/KEY} given (no values). */
    Set<String> keys() {
        return values.keySet();
    }
}
