package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestbedCluster;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Workflows on a testbed cluster as a user (or {@code argo}) handles them: apply the test CRDs, create from YAML,
 * read, merge-patch, delete, and wait for a state. Requests go through the official client with the admin
 * kubeconfig.
 */
final class TestingWorkflows {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final YAMLMapper YAML = new YAMLMapper();

    private final TestbedCluster cluster;
    private final KubeJson api;

    TestingWorkflows(TestbedCluster cluster) {
        this.cluster = cluster;
        this.api = new KubeJson(client(cluster), Duration.ofMinutes(1));
        applyCrds(cluster);
    }

    /** A new admin client for the cluster (each controller gets its own: it adds interceptors). */
    static ApiClient client(TestbedCluster cluster) {
        try {
            return Config.fromConfig(cluster.kubeconfig().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void applyCrds(TestbedCluster cluster) {
        try (var in = TestingWorkflows.class.getResourceAsStream("crds.yaml")) {
            Path file = Files.createTempFile("skiff-crds-", ".yaml");
            Files.write(file, in.readAllBytes());
            cluster.kubectl("apply", "-f", file.toString());
            cluster.kubectl("wait", "--for=condition=established", "--timeout=60s",
                    "crd/workflows.argoproj.io", "crd/workflowtaskresults.argoproj.io",
                    "crd/workflowtemplates.argoproj.io", "crd/clusterworkflowtemplates.argoproj.io",
                    "crd/cronworkflows.argoproj.io");
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(String namespace) {
        return "/apis/argoproj.io/v1alpha1/namespaces/" + namespace + "/workflows";
    }

    /** Creates a workflow from YAML (apiVersion and kind added when missing); returns what was stored. */
    ObjectNode create(String namespace, String yaml) throws ApiFailure {
        try {
            ObjectNode doc = (ObjectNode) YAML.readTree(yaml);
            doc.put("apiVersion", "argoproj.io/v1alpha1");
            doc.put("kind", "Workflow");
            return api.post(path(namespace), KubeJson.JSON.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates an argoproj.io object of another kind from YAML at its collection ({@code workflowtemplates} in the
     * namespace, or {@code clusterworkflowtemplates} when {@code namespace} is empty); returns what was stored.
     */
    ObjectNode createObject(String namespace, String plural, String kind, String yaml) throws ApiFailure {
        try {
            ObjectNode doc = (ObjectNode) YAML.readTree(yaml);
            doc.put("apiVersion", "argoproj.io/v1alpha1");
            doc.put("kind", kind);
            String path = namespace.isEmpty() ? "/apis/argoproj.io/v1alpha1/" + plural
                    : "/apis/argoproj.io/v1alpha1/namespaces/" + namespace + "/" + plural;
            return api.post(path, KubeJson.JSON.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes an object created with {@link #createObject} (for cluster-scoped ones, which outlive namespaces). */
    void deleteObject(String namespace, String plural, String name) throws ApiFailure {
        String path = namespace.isEmpty() ? "/apis/argoproj.io/v1alpha1/" + plural + "/" + name
                : "/apis/argoproj.io/v1alpha1/namespaces/" + namespace + "/" + plural + "/" + name;
        api.delete(path, null);
    }

    /** Creates an object given as raw JSON text (for malformed ones). */
    ObjectNode createRaw(String namespace, String json) throws ApiFailure {
        return api.post(path(namespace), json.getBytes(StandardCharsets.UTF_8));
    }

    Optional<ObjectNode> get(String namespace, String name) throws ApiFailure {
        try {
            return Optional.of(api.get(path(namespace) + "/" + name, Map.of()));
        } catch (ApiFailure f) {
            if (f.notFound()) {
                return Optional.empty();
            }
            throw f;
        }
    }

    ObjectNode patch(String namespace, String name, String mergePatch) throws ApiFailure {
        return api.patch(path(namespace) + "/" + name, mergePatch.getBytes(StandardCharsets.UTF_8));
    }

    ObjectNode put(String namespace, String name, ObjectNode object) throws ApiFailure {
        try {
            return api.put(path(namespace) + "/" + name, KubeJson.JSON.writeValueAsBytes(object));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the workflow satisfies the condition; returns it then. */
    ObjectNode await(String namespace, String name, String what, Predicate<ObjectNode> condition) {
        return Await.until(namespace + "/" + name + " " + what, TIMEOUT,
                () -> get(namespace, name).filter(condition));
    }

    /** Waits until the workflow has finished (label completed=true) and returns it, nodes expanded. */
    ObjectNode awaitFinished(String namespace, String name) {
        return CompressedNodes.expand(await(namespace, name, "to finish", wf -> "true".equals(
                label(wf, "workflows.argoproj.io/completed"))).deepCopy());
    }

    /** Waits until the workflow is gone. */
    void awaitDeleted(String namespace, String name) {
        Await.until(namespace + "/" + name + " to be deleted", TIMEOUT,
                () -> get(namespace, name).isEmpty() ? Optional.of(true) : Optional.empty());
    }

    static String label(JsonNode wf, String label) {
        return wf.path("metadata").path("labels").path(label).asText("");
    }

    static String phase(JsonNode wf) {
        return wf.path("status").path("phase").asText("");
    }

    static String message(JsonNode wf) {
        return wf.path("status").path("message").asText("");
    }

    /** The node with this display name. */
    static JsonNode node(JsonNode wf, String displayName) {
        for (JsonNode n : wf.path("status").path("nodes")) {
            if (n.path("displayName").asText().equals(displayName)) {
                return n;
            }
        }
        throw new AssertionError("no node " + displayName + " in " + wf.path("status").path("nodes"));
    }

    TestbedCluster cluster() {
        return cluster;
    }
}
