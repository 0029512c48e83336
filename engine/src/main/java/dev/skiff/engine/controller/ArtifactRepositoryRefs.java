package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.yaml.YamlDocument;
import dev.skiff.engine.yaml.YamlException;
import dev.skiff.engine.yaml.YamlReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argo's artifact repository resolution ({@code workflow/artifactrepositories/artifactrepositories.go}), pure: which
 * ConfigMaps to try for a workflow and in which order, what a ConfigMap gives, and the
 * {@code status.artifactRepositoryRef} to record (the repository itself included, so that it never changes for the
 * workflow). The reading is {@link ArtifactRepositories}'.
 */
final class ArtifactRepositoryRefs {

    /** Argo's ConfigMap of repositories in a workflow's namespace. */
    static final String DEFAULT_CONFIG_MAP = "artifact-repositories";
    /** The annotation naming the ConfigMap's default key. */
    static final String DEFAULT_KEY_ANNOTATION = "workflows.argoproj.io/default-artifact-repository";
    /** Argo's controller ConfigMap, in the controller's namespace (its {@code --configmap} default). */
    static final String CONTROLLER_CONFIG_MAP = "workflow-controller-configmap";

    private ArtifactRepositoryRefs() {
    }

    /**
     * One place to look: a ConfigMap (name and key, empty = its defaults) in the workflow's namespace or in the
     * controller's ({@code controllers}), or the controller's default repository.
     */
    record Candidate(String namespace, String configMap, String key, boolean controllers, boolean controllerDefault) {
    }

    /** A ConfigMap as read: its data and annotations. */
    record ConfigMap(Map<String, String> data, Map<String, String> annotations) {
    }

    /** The repository cannot be resolved; the message is Argo's. */
    static final class ResolveException extends Exception {
        ResolveException(String message) {
            super(message);
        }
    }

    /**
     * Where to look, in order: with {@code spec.artifactRepositoryRef}, that ConfigMap in the workflow's namespace,
     * then in the controller's; without, {@code artifact-repositories} in the workflow's namespace, then the
     * controller's default repository.
     */
    static List<Candidate> candidates(JsonNode specRef, String workflowNamespace, String controllerNamespace) {
        if (specRef.isObject()) {
            String configMap = specRef.path("configMap").asText("");
            String key = specRef.path("key").asText("");
            return List.of(new Candidate(workflowNamespace, configMap, key, false, false),
                    new Candidate(controllerNamespace, configMap, key, true, false));
        }
        return List.of(new Candidate(workflowNamespace, "", "", false, false),
                new Candidate(controllerNamespace, "", "", true, true));
    }

    /**
     * The reference a ConfigMap gives ({@code {configMap, key, namespace, artifactRepository}}); empty when it lacks
     * the key (the next candidate is tried).
     *
     * @throws ResolveException when the value is not a repository
     */
    static Optional<ObjectNode> fromConfigMap(Candidate candidate, ConfigMap cm) throws ResolveException {
        String configMap = configMapName(candidate);
        String key = candidate.key().isEmpty() ? cm.annotations().getOrDefault(DEFAULT_KEY_ANNOTATION, "")
                : candidate.key();
        String value = cm.data().get(key);
        if (value == null) {
            return Optional.empty();
        }
        ObjectNode repository = yamlObject(value).orElseThrow(() -> new ResolveException("failed to unmarshall config"
                + " map key \"" + key + "\" for artifact repository ref \"" + candidate.namespace() + "/" + configMap
                + "\": not an artifact repository (a map such as s3: {bucket: ..., endpoint: ...})"));
        ObjectNode ref = JsonNodeFactory.instance.objectNode();
        ref.put("configMap", configMap);
        ref.put("key", key);
        ref.put("namespace", candidate.namespace());
        ref.set("artifactRepository", repository);
        return Optional.of(ref);
    }

    /** The controller's default ({@code {default: true, artifactRepository: {...}}}; {@code {}} when none). */
    static ObjectNode controllerDefault(Optional<ObjectNode> repository) {
        ObjectNode ref = JsonNodeFactory.instance.objectNode();
        ref.put("default", true);
        ref.set("artifactRepository", repository.map(ObjectNode::deepCopy)
                .orElseGet(JsonNodeFactory.instance::objectNode));
        return ref;
    }

    /** Argo's message when no candidate had a repository ({@code %v} of the spec's reference). */
    static String notFound(JsonNode specRef) {
        String ref = specRef.isObject() ? "&{" + specRef.path("configMap").asText("") + " "
                + specRef.path("key").asText("") + "}" : "<nil>";
        return "failed to find any artifact repository for artifact repository ref \"" + ref + "\"";
    }

    /**
     * The default repository in the controller's ConfigMap: key {@code artifactRepository}, or the
     * {@code artifactRepository} of a whole config under key {@code config}; empty when neither.
     */
    static Optional<ObjectNode> controllerRepository(ConfigMap cm) throws ResolveException {
        String own = cm.data().get("artifactRepository");
        if (own != null) {
            return Optional.of(yamlObject(own).orElseThrow(() -> new ResolveException(CONTROLLER_CONFIG_MAP
                    + ": artifactRepository is not an artifact repository")));
        }
        String config = cm.data().get("config");
        if (config != null) {
            Optional<ObjectNode> whole = yamlObject(config);
            if (whole.isPresent() && whole.get().get("artifactRepository") instanceof ObjectNode repo) {
                return Optional.of(repo);
            }
        }
        return Optional.empty();
    }

    static String configMapName(Candidate candidate) {
        return candidate.configMap().isEmpty() ? DEFAULT_CONFIG_MAP : candidate.configMap();
    }

    private static Optional<ObjectNode> yamlObject(String text) {
        try {
            List<YamlDocument> docs = YamlReader.lenient().readAll(text);
            if (docs.isEmpty()) {
                return Optional.of(JsonNodeFactory.instance.objectNode());
            }
            return docs.getFirst().root() instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (YamlException e) {
            return Optional.empty();
        }
    }
}
