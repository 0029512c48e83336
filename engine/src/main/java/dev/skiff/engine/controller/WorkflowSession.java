package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.core.NodeTargets;
import dev.skiff.engine.core.WorkflowReconciler;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.PodGc;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.spi.executor.StepRef;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the controller keeps in memory for one workflow between syncs: the reconciler (valid while the object's
 * resourceVersion is the one last read or written here; rebuilt from the object otherwise), the object itself,
 * the steps it started and what became of their pods.
 */
final class WorkflowSession {

    final WorkflowKey key;
    final String uid;
    final Workflow workflow;
    /** Null for a workflow that had already finished when the session was opened. */
    final WorkflowReconciler reconciler;
    final Optional<PodGc> podGc;
    /** Where the object said pod nodes ran when the session was opened ({@link NodeTargets}). */
    final NodeTargets recordedTargets;
    /** Pod nodes the status held when the session was opened: starting them again only re-attaches. */
    final Set<String> knownNodes = new HashSet<>();
    /** Steps started or re-attached in this session, by node id, with their resolved targets. */
    final Map<String, StepRef> attached = new HashMap<>();
    /** Pod nodes whose pod was labelled completed, deleted, or is waiting to be deleted. */
    final Set<String> cleaned = new HashSet<>();
    /** Pods to delete later (podGC deleteDelayDuration), with when. */
    final Map<StepRef, Instant> deletes = new HashMap<>();
    ObjectNode base;
    String resourceVersion;

    WorkflowSession(WorkflowKey key, ObjectNode base, Workflow workflow, WorkflowReconciler reconciler) {
        this.key = key;
        this.base = base;
        this.resourceVersion = WorkflowCache.entry(base).resourceVersion();
        this.uid = workflow.uid();
        this.workflow = workflow;
        this.reconciler = reconciler;
        this.podGc = podGc(workflow);
        this.recordedTargets = NodeTargets.of(workflow.name(), workflow.annotations());
        workflow.status().ifPresent(s -> s.nodes().values().stream()
                .map(NodeStatus::id).forEach(knownNodes::add));
    }

    private static Optional<PodGc> podGc(Workflow workflow) {
        try {
            return workflow.spec().podGc();
        } catch (WorkflowFormatException e) {
            ControllerLog.warn("workflow.podgc.ignored", "workflow", workflow.namespace() + "/" + workflow.name(),
                    "message", e.getMessage());
            return Optional.empty();
        }
    }

    /** Records what the API server stored after a write of this session. */
    void stored(ObjectNode object) {
        base = object;
        resourceVersion = WorkflowCache.entry(object).resourceVersion();
    }
}
