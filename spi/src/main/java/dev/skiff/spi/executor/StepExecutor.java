package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import java.util.Optional;

/**
 * Runs steps somewhere: host processes, pods in a cluster. Thread-safe.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface StepExecutor extends AutoCloseable {

    /**
     * Starts a step, or attaches to it when a step with the same ref already exists, and reports
     * its changes to the listener until it is done. Never blocks on the step itself; failures to
     * start are reported as an {@link StepPhase#ERROR} outcome, not thrown.
     */
    void start(StepRequest request, StepListener listener);

    /**
     * Re-attaches to a step the engine recorded as running before it restarted: like {@link #start}, but the
     * step is never started again; when it no longer exists it ends {@link StepPhase#ERROR} (for pods, Argo's
     * {@code pod deleted}). A step the engine only recorded as pending is re-started with {@link #start}, as
     * Argo re-creates the pod of a pending node. By default the same as {@link #start}.
     */
    default void reattach(StepRequest request, StepListener listener) {
        start(request, listener);
    }

    /** What is known of a step now; empty when the executor has never seen it. */
    Optional<StepOutcome> observe(StepRef ref);

    /**
     * Stops a running step (kills its process tree or deletes its pod); the listener then sees
     * it end as {@link StepPhase#FAILED} with the reason as message. No-op for unknown or ended
     * steps.
     */
    void stop(StepRef ref, String reason);

    /**
     * The engine has recorded the step's end: the executor marks what it created for the step as
     * done (for pods, Argo's {@code workflows.argoproj.io/completed=true} label), so that watches
     * can drop it. Idempotent; no-op for unknown steps.
     */
    default void settle(StepRef ref) {
    }

    /**
     * Deletes what the executor created for the step (pod GC, a deleted workflow). Idempotent;
     * no-op for unknown or already deleted steps.
     */
    default void delete(StepRef ref) {
    }

    /**
     * The engine has recorded the end of a workflow: the executor drops what it kept for the workflow's steps in
     * {@code target} (for pods, Argo deletes the workflow's {@code WorkflowTaskResult}s once the workflow is
     * fulfilled). Called once per target the workflow used; idempotent. Pods are left to {@link #delete}.
     */
    default void workflowCompleted(StepTarget target, String workflowName) {
    }

    /**
     * The workflow object ({@code workflowName} in {@code workflowCluster}/{@code workflowNamespace}) is being
     * deleted: the executor deletes everything it created for that workflow in {@code target}, another namespace or
     * cluster where no owner reference reaches (pods, the executor's task results, bookkeeping objects) — only what
     * it created for that very owner, never another workflow's of the same name. Called once per such target, on a
     * worker thread; returns when the deletes were accepted; idempotent; throws when it could not (the engine tries
     * again and keeps the workflow until it succeeded).
     */
    default void workflowDeleted(StepTarget target, String workflowCluster, String workflowNamespace,
                                 String workflowName) {
    }

    /** Stops watching; steps that are still running are left alone unless the executor owns them. */
    @Override
    default void close() {
    }
}
