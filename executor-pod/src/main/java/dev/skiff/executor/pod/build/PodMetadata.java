package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.spi.executor.StepRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod's name, labels, annotations and owner: Argo's labels ({@code workflow}, {@code completed=false},
 * {@code on-exit}, {@code controller-instanceid}) and annotations ({@code node-name}, {@code node-id}), the
 * Workflow as controlling owner where the Workflow lives (same cluster and namespace), else labels naming it;
 * then the workflow's and the template's pod metadata (addMetadata).
 */
final class PodMetadata {

    private PodMetadata() {
    }

    static Map<String, Object> of(StepRequest request, PodSettings settings) throws PodBuildException {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put(ArgoNames.LABEL_WORKFLOW, request.workflowName());
        labels.put(ArgoNames.LABEL_COMPLETED, "false");
        labels.putAll(request.labels());
        String requested = request.labels().getOrDefault(ArgoNames.LABEL_INSTANCE_ID, settings.instanceId());
        if (!requested.equals(settings.instanceId())) {
            throw new PodBuildException("the step asks for controller instance id '" + requested
                    + "' but the pod executor is configured with instanceId '" + settings.instanceId() + "'");
        }
        if (!settings.instanceId().isEmpty()) {
            labels.put(ArgoNames.LABEL_INSTANCE_ID, settings.instanceId());
        }
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(ArgoNames.ANNOTATION_NODE_NAME, request.nodeName());
        annotations.put(ArgoNames.ANNOTATION_NODE_ID, request.nodeId());
        annotations.putAll(request.annotations());

        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", request.ref().stepId());
        meta.put("namespace", request.ref().target().namespace());
        meta.put("labels", labels);
        meta.put("annotations", annotations);
        if (ownedByWorkflow(request)) {
            meta.put("ownerReferences", new ArrayList<>(List.of(ownerReference(request))));
        } else {
            // The workflow's anchor there (same name; its uid is the request's, see the executor's Anchors) owns the
            // pod, so deleting the anchor deletes it; blockOwnerDeletion would need the tenant to update the anchor.
            Map<String, Object> anchor = ownerReference(request);
            anchor.put("blockOwnerDeletion", false);
            meta.put("ownerReferences", new ArrayList<>(List.of(anchor)));
            labels.put(ArgoNames.LABEL_OWNER_CLUSTER, request.workflowCluster());
            labels.put(ArgoNames.LABEL_OWNER_NAMESPACE, request.workflowNamespace());
            labels.put(ArgoNames.LABEL_OWNER_NAME, request.workflowName());
        }
        return meta;
    }

    /** Whether the pod lives where its Workflow does, so that the Workflow can own it. */
    public static boolean ownedByWorkflow(StepRequest request) {
        return request.ref().target().namespace().equals(request.workflowNamespace())
                && (request.workflowCluster().isEmpty()
                || request.workflowCluster().equals(request.ref().target().cluster()));
    }

    /** metav1.NewControllerRef to the Workflow. */
    static Map<String, Object> ownerReference(StepRequest request) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("apiVersion", ArgoNames.GROUP_VERSION);
        ref.put("kind", ArgoNames.WORKFLOW_KIND);
        ref.put("name", request.workflowName());
        ref.put("uid", request.workflowUid());
        ref.put("controller", true);
        ref.put("blockOwnerDeletion", true);
        return ref;
    }

    /** addMetadata: the workflow's podMetadata, then the template's metadata. */
    static void addTemplateMetadata(PodTemplate tmpl, Map<String, Object> meta) {
        for (String field : List.of("podMetadata", "metadata")) {
            Map<String, Object> extra = JsonTree.object(tmpl.field(field));
            JsonTree.object(extra.get("annotations")).forEach((k, v) ->
                    ContainerFields.mutableObject(meta, "annotations").put(k, JsonTree.text(v)));
            JsonTree.object(extra.get("labels")).forEach((k, v) ->
                    ContainerFields.mutableObject(meta, "labels").put(k, JsonTree.text(v)));
        }
    }

    /** The offload ConfigMap's metadata: the workflow label, the node annotations and the pod's owner. */
    static Map<String, Object> offloadMetadata(StepRequest request, Map<String, Object> podMeta) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("labels", new LinkedHashMap<>(Map.of(ArgoNames.LABEL_WORKFLOW, request.workflowName())));
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(ArgoNames.ANNOTATION_NODE_NAME, request.nodeName());
        annotations.put(ArgoNames.ANNOTATION_NODE_ID, request.nodeId());
        meta.put("annotations", annotations);
        if (podMeta.containsKey("ownerReferences")) {
            meta.put("ownerReferences", JsonTree.copy(podMeta.get("ownerReferences")));
        }
        return meta;
    }
}
