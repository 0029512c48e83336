package dev.skiff.engine.controller;

import dev.skiff.engine.core.PodGcPolicy;
import dev.skiff.engine.core.StepRefs;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.WorkflowStatus;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pod GC after a status write (Argo's queuePodsForCleanup): for every pod node recorded as done, the
 * {@link PodGcPolicy} says whether its pod is labelled completed ({@link StepExecutor#settle}) or deleted
 * ({@link StepExecutor#delete}), at once or after a delay (the work queue calls back at that time).
 */
final class PodCleanup {

    private final StepExecutor executor;
    private final WorkQueue<WorkflowKey> queue;

    PodCleanup(StepExecutor executor, WorkQueue<WorkflowKey> queue) {
        this.executor = executor;
        this.queue = queue;
    }

    /** Decides for the done pod nodes not decided yet, then deletes the pods that are due. */
    void afterWrite(WorkflowSession s, WorkflowStatus status, Instant now) {
        for (NodeStatus node : status.nodes().values()) {
            if (node.type() != NodeType.POD || !node.isDone() || s.cleaned.contains(node.id())) {
                continue;
            }
            PodGcPolicy.Verdict verdict = PodGcPolicy.decide(s.podGc,
                    StepRefs.podLabels(s.workflow.spec(), s.key.name(), node), status.phase(), node.phase());
            switch (verdict.action()) {
                case NONE -> {
                }
                case LABEL_COMPLETED -> {
                    s.cleaned.add(node.id());
                    guarded(() -> executor.settle(ref(s, node)), s, "settle");
                }
                case DELETE -> {
                    s.cleaned.add(node.id());
                    Instant due = now.plus(verdict.delay());
                    s.deletes.put(ref(s, node), due);
                    queue.addAt(s.key, due);
                }
            }
        }
        deleteDue(s, now);
    }

    /** Deletes the pods whose time came. */
    void deleteDue(WorkflowSession s, Instant now) {
        List<StepRef> due = new ArrayList<>();
        for (Map.Entry<StepRef, Instant> e : s.deletes.entrySet()) {
            if (!e.getValue().isAfter(now)) {
                due.add(e.getKey());
            }
        }
        for (StepRef ref : due) {
            s.deletes.remove(ref);
            ControllerLog.debug("pod.deleted", "workflow", s.key, "step", ref.stepId());
            guarded(() -> executor.delete(ref), s, "delete");
        }
    }

    /**
     * The workflow is fulfilled: the executor drops what it kept for it in every target its pods used (Argo's
     * deleteTaskResults after the update that recorded the end). Idempotent.
     */
    void workflowCompleted(WorkflowSession s, WorkflowStatus status) {
        java.util.Set<StepTarget> targets = new java.util.LinkedHashSet<>();
        targets.add(new StepTarget(s.key.cluster(), s.key.namespace()));
        for (NodeStatus node : status.nodes().values()) {
            if (node.type() == NodeType.POD) {
                targets.add(ref(s, node).target());
            }
        }
        for (StepTarget target : targets) {
            if (RemoteTargets.remote(s.key, target)) {
                // Elsewhere the task results are owned by the workflow's anchor there and go with it when the
                // workflow is deleted; a delete by the workflow label could hit another workflow of that name.
                continue;
            }
            guarded(() -> executor.workflowCompleted(target, s.key.name()), s, "workflowCompleted");
        }
    }

    /**
     * The step of a pod node: the one started in this session, else derived from the node (pod-name v2) and where
     * the workflow records it ran.
     */
    static StepRef ref(WorkflowSession s, NodeStatus node) {
        StepRef attached = s.attached.get(node.id());
        return attached != null ? attached : resolve(StepRefs.of(s.workflow.spec(), s.key.name(), node,
                id -> s.workflow.status().map(st -> st.nodes().get(id)).orElse(null), s.recordedTargets), s.key);
    }

    /** A target left empty by the core is the workflow's own cluster and namespace. */
    static StepRef resolve(StepRef ref, WorkflowKey key) {
        StepTarget t = ref.target();
        return new StepRef(ref.stepId(), new StepTarget(t.cluster().isEmpty() ? key.cluster() : t.cluster(),
                t.namespace().isEmpty() ? key.namespace() : t.namespace()));
    }

    private static void guarded(Runnable call, WorkflowSession s, String what) {
        try {
            call.run();
        } catch (RuntimeException e) {
            ControllerLog.warn("pod.cleanup.failed", "workflow", s.key, "action", what, "message", e.getMessage());
        }
    }
}
