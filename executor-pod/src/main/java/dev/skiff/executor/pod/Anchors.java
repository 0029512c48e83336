package dev.skiff.executor.pod;

import dev.skiff.executor.pod.build.ArgoNames;
import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.executor.pod.kube.ApiFailure;
import dev.skiff.executor.pod.kube.KubeApi;
import dev.skiff.spi.executor.StepRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Anchor Workflows: where a step runs outside its workflow's namespace or cluster, argoexec still writes its
 * WorkflowTaskResult there with an owner reference to a Workflow of the workflow's name and the uid it is given
 * ({@code ARGO_WORKFLOW_UID}); an empty uid is refused by the API server, and an owner that does not exist lets
 * Kubernetes' garbage collector delete the result. So each such namespace gets a small Workflow of the same name,
 * labelled so that no workflow controller acts on it ({@code controller-instanceid=skiff-anchor}, a suspend
 * template), whose uid the pods get as their workflow uid and owner: task results and pods there are its
 * dependents, and deleting the anchor (when the workflow is deleted) lets the garbage collector clean them. An
 * anchor names its owner by labels ({@code skiff.dev/owner-cluster}, {@code -namespace}, {@code -name},
 * {@code -uid}); a Workflow of that name that is not this workflow's anchor is never taken over or deleted.
 */
final class Anchors {

    static final String LABEL_ANCHOR = "skiff.dev/anchor";
    static final String LABEL_OWNER_UID = "skiff.dev/owner-uid";
    static final String ANCHOR_INSTANCE = "skiff-anchor";

    /** Thrown when the anchor cannot be had: a Workflow of that name belongs to someone else. */
    static final class Taken extends Exception {
        Taken(String message) {
            super(message);
        }
    }

    private final Map<String, String> uids = new ConcurrentHashMap<>();

    /** The anchor's uid in the step's namespace, created when missing; an older anchor of a same-named workflow of
     * the same owner is replaced. */
    String ensure(ClusterAccess cluster, StepRequest request) throws ApiFailure, InterruptedException, Taken {
        String namespace = request.ref().target().namespace();
        String key = cluster.name() + "/" + namespace + "/" + request.workflowName() + "/" + request.workflowUid();
        String known = uids.get(key);
        if (known != null) {
            return known;
        }
        String path = KubeApi.collection(ArgoNames.GROUP_VERSION, namespace, "workflows");
        Map<String, Object> existing;
        try {
            existing = cluster.create(path, anchor(request));
        } catch (ApiFailure e) {
            if (e.code() != 409) {
                throw e;
            }
            existing = cluster.get(path + "/" + request.workflowName());
            Map<String, Object> labels = JsonTree.object(JsonTree.at(existing, "metadata", "labels"));
            if (!ours(labels, request.workflowCluster(), request.workflowNamespace(), request.workflowName())) {
                throw new Taken("namespace " + namespace + " of cluster " + cluster.name() + " already has a"
                        + " Workflow named " + request.workflowName() + " that is not this workflow's anchor");
            }
            if (!request.workflowUid().equals(JsonTree.text(labels.get(LABEL_OWNER_UID)))) {
                // The anchor of an earlier workflow of the same name and owner: it goes (with its dependents).
                cluster.delete(path + "/" + request.workflowName());
                throw new ApiFailure(503, "AnchorReplaced", "replacing the anchor Workflow of an earlier workflow"
                        + " named " + request.workflowName() + " in namespace " + namespace);
            }
        }
        String uid = JsonTree.text(JsonTree.at(existing, "metadata", "uid"));
        uids.put(key, uid);
        return uid;
    }

    /** Deletes the workflow's anchor in {@code namespace} if it is that owner's; gone already is fine. */
    void delete(ClusterAccess cluster, String namespace, String ownerCluster, String ownerNamespace, String name)
            throws ApiFailure, InterruptedException {
        String path = KubeApi.collection(ArgoNames.GROUP_VERSION, namespace, "workflows") + "/" + name;
        Map<String, Object> existing;
        try {
            existing = cluster.get(path);
        } catch (ApiFailure e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        if (ours(JsonTree.object(JsonTree.at(existing, "metadata", "labels")), ownerCluster, ownerNamespace, name)) {
            cluster.delete(path);
        }
        uids.keySet().removeIf(k -> k.startsWith(cluster.name() + "/" + namespace + "/" + name + "/"));
    }

    private static boolean ours(Map<String, Object> labels, String ownerCluster, String ownerNamespace, String name) {
        return "true".equals(JsonTree.text(labels.get(LABEL_ANCHOR)))
                && ownerCluster.equals(JsonTree.text(labels.get(ArgoNames.LABEL_OWNER_CLUSTER)))
                && ownerNamespace.equals(JsonTree.text(labels.get(ArgoNames.LABEL_OWNER_NAMESPACE)))
                && name.equals(JsonTree.text(labels.get(ArgoNames.LABEL_OWNER_NAME)));
    }

    /** The anchor object: a Workflow no controller runs (its own instance id; a suspend template if one did). */
    static Map<String, Object> anchor(StepRequest request) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put(ArgoNames.LABEL_INSTANCE_ID, ANCHOR_INSTANCE);
        labels.put(LABEL_ANCHOR, "true");
        labels.put(ArgoNames.LABEL_OWNER_CLUSTER, request.workflowCluster());
        labels.put(ArgoNames.LABEL_OWNER_NAMESPACE, request.workflowNamespace());
        labels.put(ArgoNames.LABEL_OWNER_NAME, request.workflowName());
        labels.put(LABEL_OWNER_UID, request.workflowUid());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", request.workflowName());
        metadata.put("namespace", request.ref().target().namespace());
        metadata.put("labels", labels);
        Map<String, Object> anchor = new LinkedHashMap<>();
        anchor.put("apiVersion", ArgoNames.GROUP_VERSION);
        anchor.put("kind", ArgoNames.WORKFLOW_KIND);
        anchor.put("metadata", metadata);
        anchor.put("spec", Map.of("entrypoint", "anchor", "templates", List.of(Map.of("name", "anchor",
                "suspend", Map.of()))));
        return anchor;
    }

    /** The request as the pod is built from it: the anchor's uid as the workflow uid (owner and ARGO_WORKFLOW_UID). */
    static StepRequest anchored(StepRequest r, String anchorUid) {
        return new StepRequest(r.ref(), r.workflowName(), r.workflowNamespace(), r.nodeId(), r.nodeName(),
                r.templateName(), r.command(), r.outputFiles(), r.deadline(), r.labels(), r.annotations(), r.podSpec(),
                r.inputArtifacts(), r.outputArtifacts(), anchorUid, r.template(), r.includeScriptOutput(),
                r.workflowDeadline(), r.workflowCluster(), r.credentials());
    }
}
