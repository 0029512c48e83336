package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.core.NodeTargets;
import dev.skiff.spi.executor.StepRequest;
import dev.skiff.spi.executor.StepTarget;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The places outside its own cluster and namespace where a workflow's pods went, kept on the Workflow object so that
 * a restarted controller still knows them: annotation {@value #ANNOTATION} ({@code cluster/namespace,...}), and the
 * finalizer {@value #FINALIZER}, which keeps a deleted workflow until its pods, task results and anchors there are
 * deleted (no owner reference crosses a namespace or cluster). Both are written with the status write that records
 * the step, before its pod is created.
 */
final class RemoteTargets {

    static final String ANNOTATION = "skiff.dev/targets";
    static final String FINALIZER = "skiff.dev/remote-cleanup";

    private RemoteTargets() {
    }

    /** The targets recorded on the object. */
    static Set<StepTarget> recorded(JsonNode object) {
        Set<StepTarget> targets = new LinkedHashSet<>();
        String text = object.path("metadata").path("annotations").path(ANNOTATION).asText("");
        for (String item : text.split(",")) {
            int slash = item.indexOf('/');
            if (slash > 0 && slash < item.length() - 1) {
                targets.add(new StepTarget(item.substring(0, slash), item.substring(slash + 1)));
            }
        }
        return targets;
    }

    /** Whether a target is somewhere else than the workflow's own cluster and namespace. */
    static boolean remote(WorkflowKey key, StepTarget target) {
        return !(target.cluster().equals(key.cluster()) && target.namespace().equals(key.namespace()));
    }

    /** Adds the remote ones among {@code targets} and the finalizer to the document to write. */
    static void record(ObjectNode document, WorkflowKey key, Collection<StepTarget> targets) {
        Set<StepTarget> all = recorded(document);
        boolean added = false;
        for (StepTarget t : targets) {
            if (remote(key, t) && !t.cluster().isEmpty() && !t.namespace().isEmpty()) {
                added |= all.add(t);
            }
        }
        if (!added) {
            return;
        }
        ObjectNode metadata = document.withObjectProperty("metadata");
        metadata.withObjectProperty("annotations").put(ANNOTATION, String.join(",",
                all.stream().map(t -> t.cluster() + "/" + t.namespace()).toList()));
        if (!hasFinalizer(document)) {
            JsonNode existing = metadata.path("finalizers");
            ArrayNode finalizers = existing instanceof ArrayNode a ? a : metadata.putArray("finalizers");
            finalizers.add(FINALIZER);
        }
    }

    /**
     * Adds where each started step's pod goes to the document's {@link NodeTargets} record, relative to the workflow
     * (an empty cluster or namespace is its own), for the nodes that do not run in its own cluster and namespace.
     */
    static void recordNodes(ObjectNode document, WorkflowKey key, Collection<StepRequest> starts) {
        NodeTargets recorded = NodeTargets.of(document);
        boolean changed = false;
        for (StepRequest start : starts) {
            StepTarget t = PodCleanup.resolve(start.ref(), key).target();
            changed |= recorded.add(start.nodeId(), new StepTarget(t.cluster().equals(key.cluster()) ? ""
                    : t.cluster(), t.namespace().equals(key.namespace()) ? "" : t.namespace()));
        }
        if (changed) {
            document.withObjectProperty("metadata").withObjectProperty("annotations").put(NodeTargets.ANNOTATION,
                    recorded.text());
        }
    }

    static boolean hasFinalizer(JsonNode object) {
        for (JsonNode f : object.path("metadata").path("finalizers")) {
            if (FINALIZER.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the object is being deleted and waits for Skiff's clean-up. */
    static boolean awaitingCleanup(JsonNode object) {
        return object.path("metadata").hasNonNull("deletionTimestamp") && hasFinalizer(object);
    }

    /** The merge patch that drops the finalizer (other finalizers kept) if the object is still this version. */
    static ObjectNode withoutFinalizer(JsonNode object) {
        ObjectNode patch = KubeJson.JSON.createObjectNode();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.put("resourceVersion", object.path("metadata").path("resourceVersion").asText(""));
        ArrayNode kept = metadata.putArray("finalizers");
        for (JsonNode f : object.path("metadata").path("finalizers")) {
            if (!FINALIZER.equals(f.asText())) {
                kept.add(f);
            }
        }
        return patch;
    }
}
