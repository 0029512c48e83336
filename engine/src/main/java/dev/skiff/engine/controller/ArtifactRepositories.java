package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.controller.ArtifactRepositoryRefs.Candidate;
import dev.skiff.engine.controller.ArtifactRepositoryRefs.ConfigMap;
import dev.skiff.engine.controller.ArtifactRepositoryRefs.ResolveException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads what {@link ArtifactRepositoryRefs} asks for: ConfigMaps in the workflow's cluster, and the controller's
 * {@code workflow-controller-configmap} in its own namespace (in the first workflow source's cluster, where the
 * lease is). Each resolution costs one or two GETs, as Argo's does; it happens once per workflow (the result is
 * recorded in the status). Reads are kept for {@link RecentConfigMaps#KEEP}, so that many workflows starting at once
 * share them.
 */
final class ArtifactRepositories {

    private final Function<String, KubeJson> clusters;
    private final String controllerCluster;
    private final String controllerNamespace;
    private final RecentConfigMaps recent;

    ArtifactRepositories(Function<String, KubeJson> clusters, String controllerCluster, String controllerNamespace,
                         Clock clock) {
        this.clusters = clusters;
        this.controllerCluster = controllerCluster;
        this.controllerNamespace = controllerNamespace;
        this.recent = new RecentConfigMaps(clock);
    }

    /**
     * The {@code status.artifactRepositoryRef} for a workflow (Argo's Resolve then Get).
     *
     * @throws ResolveException with Argo's message when none is found, or one cannot be read or used
     * @throws ApiFailure       for failures worth retrying
     */
    ObjectNode resolve(WorkflowKey key, JsonNode specRef) throws ResolveException, ApiFailure {
        for (Candidate c : ArtifactRepositoryRefs.candidates(specRef, key.namespace(), controllerNamespace)) {
            String cluster = c.controllers() ? controllerCluster : key.cluster();
            if (c.controllerDefault()) {
                Optional<ConfigMap> own = read(cluster, c.namespace(), ArtifactRepositoryRefs.CONTROLLER_CONFIG_MAP);
                return ArtifactRepositoryRefs.controllerDefault(own.isEmpty() ? Optional.empty()
                        : ArtifactRepositoryRefs.controllerRepository(own.get()));
            }
            Optional<ConfigMap> cm = read(cluster, c.namespace(), ArtifactRepositoryRefs.configMapName(c));
            if (cm.isPresent()) {
                Optional<ObjectNode> ref = ArtifactRepositoryRefs.fromConfigMap(c, cm.get());
                if (ref.isPresent()) {
                    return ref.get();
                }
            }
        }
        throw new ResolveException(ArtifactRepositoryRefs.notFound(specRef));
    }

    private Optional<ConfigMap> read(String cluster, String namespace, String name)
            throws ResolveException, ApiFailure {
        return recent.get(cluster, namespace, name, () -> readNow(cluster, namespace, name));
    }

    private Optional<ConfigMap> readNow(String cluster, String namespace, String name)
            throws ResolveException, ApiFailure {
        ObjectNode object;
        try {
            object = clusters.apply(cluster).get("/api/v1/namespaces/" + namespace + "/configmaps/" + name, Map.of());
        } catch (ApiFailure f) {
            if (f.notFound()) {
                return Optional.empty();
            }
            if (f.code() == 403 || f.code() == 401) {
                throw new ResolveException("error getting config map for artifact repository ref \"" + namespace
                        + "/" + name + "\": " + f.getMessage());
            }
            throw f;
        }
        return Optional.of(new ConfigMap(strings(object.path("data")),
                strings(object.path("metadata").path("annotations"))));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Entry<String, JsonNode> e : object.properties()) {
            out.put(e.getKey(), e.getValue().asText(""));
        }
        return out;
    }
}
