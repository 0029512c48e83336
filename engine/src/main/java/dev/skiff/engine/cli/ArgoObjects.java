package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.kube.KubeApiException;
import dev.skiff.engine.kube.KubeResources;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The objects of one {@link ArgoKind} in the connection's namespace (or cluster-wide), as the template and cron
 * commands use them: a missing object or a missing CRD said in words (exit 1), other API failures passed on.
 */
final class ArgoObjects {

    private final ArgoKind kind;
    private final ClusterConnection connection;
    private final KubeResources resources;
    private final String namespace;

    ArgoObjects(ArgoKind kind, ClusterConnection connection) {
        this.kind = kind;
        this.connection = connection;
        this.resources = kind.resources(connection.rest());
        this.namespace = kind.namespaced() ? connection.namespace() : "";
    }

    ArgoKind kind() {
        return kind;
    }

    String namespace() {
        return namespace;
    }

    Optional<ObjectNode> find(String name) {
        return call(() -> resources.get(namespace, name));
    }

    ObjectNode require(String name) {
        return find(name).orElseThrow(() -> new CommandFailedException(kind.notFound(name)
                + (kind.namespaced() ? " in namespace " + namespace : "")));
    }

    /** The objects matching the label selector, by name; {@code allNamespaces} for every namespace. */
    List<ObjectNode> list(String labelSelector, boolean allNamespaces) {
        String ns = allNamespaces ? "" : namespace;
        return call(() -> resources.list(ns, labelSelector == null ? "" : labelSelector, "").items()).stream()
                .sorted(Comparator.comparing(WorkflowObjects::namespace).thenComparing(WorkflowObjects::name))
                .toList();
    }

    ObjectNode create(ObjectNode object) {
        object.put("apiVersion", "argoproj.io/v1alpha1");
        object.put("kind", kind.kind());
        if (kind.namespaced()) {
            object.withObjectProperty("metadata").put("namespace", namespace);
        } else {
            object.withObjectProperty("metadata").remove("namespace");
        }
        return call(() -> resources.create(namespace, object));
    }

    ObjectNode mergePatch(String name, ObjectNode patch) {
        return call(() -> resources.mergePatch(namespace, name, patch));
    }

    boolean delete(String name) {
        return call(() -> resources.delete(namespace, name));
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (KubeApiException e) {
            if (e.code() == 404 && !e.isObjectNotFound()) {
                throw new CommandFailedException("the cluster has no " + kind.kind() + " resource type ("
                        + kind.plural() + ".argoproj.io/v1alpha1): apply manifests/crds.yaml (or Argo's CRDs) first",
                        e);
            }
            if (e.code() == 409) {
                throw new CommandFailedException(e.getMessage(), e);
            }
            throw e;
        }
    }

    ClusterConnection connection() {
        return connection;
    }
}
