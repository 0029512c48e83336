package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.kube.KubeApiException;
import dev.skiff.engine.kube.KubeResources;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Workflow objects of the connection's namespace, as the commands use them: {@code @latest}
 * resolved, a missing workflow or a missing Workflow CRD said in words, other API failures passed
 * on as {@link KubeApiException} (exit 1).
 */
final class WorkflowApi {

    static final String LATEST = "@latest";

    private final ClusterConnection connection;
    private final KubeResources workflows;

    WorkflowApi(ClusterConnection connection) {
        this.connection = connection;
        this.workflows = connection.workflows();
    }

    String namespace() {
        return connection.namespace();
    }

    ClusterConnection connection() {
        return connection;
    }

    KubeResources resources() {
        return workflows;
    }

    /**
     * The workflow of that name; {@code @latest} is the newest by creation time, the first in list
     * order (by name) among equal times, as Argo's server resolves it. A {@link CommandFailedException}
     * when there is none.
     */
    ObjectNode require(String name) {
        if (LATEST.equals(name)) {
            return call(() -> workflows.list(namespace(), "", "").items().stream()
                    .max(Comparator.comparing(WorkflowObjects::creationTimestamp))
                    .orElseThrow(() -> new CommandFailedException("no workflows in namespace " + namespace())));
        }
        return find(name).orElseThrow(() -> notFound(name));
    }

    Optional<ObjectNode> find(String name) {
        return call(() -> workflows.get(namespace(), name));
    }

    CommandFailedException notFound(String name) {
        return new CommandFailedException("workflow " + name + " not found in namespace " + namespace());
    }

    ObjectNode create(ObjectNode workflow, boolean serverDryRun) {
        if (serverDryRun) {
            return call(() -> connection.rest().post(workflows.collection(namespace())
                    .addQueryParameter("dryRun", "All").build(), workflow));
        }
        return call(() -> workflows.create(namespace(), workflow));
    }

    ObjectNode mergePatch(String name, ObjectNode patch) {
        return call(() -> workflows.mergePatch(namespace(), name, patch));
    }

    boolean delete(String name) {
        return call(() -> workflows.delete(namespace(), name));
    }

    /** Workflows matching the label selector, in this namespace or (allNamespaces) all of them. */
    List<ObjectNode> list(String labelSelector, boolean allNamespaces) {
        return call(() -> workflows.list(allNamespaces ? "" : namespace(), labelSelector, "").items());
    }

    /** Runs an API call; a 404 that is about the resource type, not an object, means no Workflow CRD. */
    <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (KubeApiException e) {
            if (e.code() == 404 && !e.isObjectNotFound()) {
                throw new CommandFailedException("the cluster has no Workflow resource type"
                        + " (workflows.argoproj.io/v1alpha1): apply manifests/crds.yaml (or Argo's CRDs) first", e);
            }
            throw e;
        }
    }
}
