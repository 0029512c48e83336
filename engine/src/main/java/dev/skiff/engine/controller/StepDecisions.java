package dev.skiff.engine.controller;

import dev.skiff.engine.core.Decision;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The reconciler's decisions, applied after the status that records them was written: steps started (their
 * targets and the workflow's cluster resolved, reports routed back to the workflow), re-attached (nodes recorded
 * Running before this session: {@link StepExecutor#reattach}) or stopped through the executor, timers set on the
 * work queue. Each decision checks first that this replica still acts.
 */
final class StepDecisions {

    private final WorkQueue<WorkflowKey> queue;
    private final StepReports reports;
    private final StepExecutor executor;
    private final ControllerMetrics metrics;
    private final BooleanSupplier acting;
    private final TargetAccess access;

    StepDecisions(WorkQueue<WorkflowKey> queue, StepReports reports, StepExecutor executor, ControllerMetrics metrics,
                  BooleanSupplier acting, TargetAccess access) {
        this.access = access;
        this.queue = queue;
        this.reports = reports;
        this.executor = executor;
        this.metrics = metrics;
        this.acting = acting;
    }

    void apply(WorkflowSession s, List<Decision> decisions, Instant now) {
        for (Decision decision : decisions) {
            if (!acting.getAsBoolean()) {
                return;
            }
            switch (decision) {
                case Decision.StartStep start -> start(s, start.request(), start.reattach(), now);
                case Decision.StopStep stop -> {
                    StepRef ref = PodCleanup.resolve(stop.ref(), s.key);
                    ControllerLog.info("step.stopped", "workflow", s.key, "step", ref.stepId(), "reason", stop.reason());
                    try {
                        executor.stop(ref, stop.reason());
                    } catch (RuntimeException e) {
                        ControllerLog.warn("step.stop.failed", "workflow", s.key, "step", ref.stepId(),
                                "message", e.getMessage());
                    }
                }
                case Decision.WakeAt wake -> queue.addAt(s.key, wake.at());
            }
        }
    }

    private void start(WorkflowSession s, StepRequest request, boolean reattach, Instant now) {
        StepRequest resolved = request.withTarget(PodCleanup.resolve(request.ref(), s.key).target())
                .withWorkflowCluster(s.key.cluster());
        String nodeId = resolved.nodeId();
        reports.route(resolved.ref(), s.key, nodeId);
        TargetAccess.Access allowed = access.check(s.key, resolved.ref().target());
        switch (allowed) {
            case TargetAccess.Access.Refused refused -> {
                if (!reattach) {
                    // Nothing is created: the node fails with the reason (it never reaches the executor).
                    ControllerLog.warn("step.refused", "workflow", s.key, "step", resolved.ref().stepId(),
                            "message", refused.message());
                    reports.onChange(resolved.ref(), StepOutcome.error(refused.message(), now));
                    return;
                }
            }
            case TargetAccess.Access.Tenant tenant -> resolved = resolved.withCredentials(
                    java.util.Optional.of(tenant.credentials()));
            case TargetAccess.Access.Controller controller -> { }
        }
        boolean again = s.knownNodes.contains(nodeId) || s.attached.containsKey(nodeId);
        s.attached.put(nodeId, resolved.ref());
        if (!again) {
            metrics.stepStarted();
            ControllerLog.debug("step.started", "workflow", s.key, "step", resolved.ref().stepId());
        }
        try {
            if (reattach) {
                // Recorded Running before this session: the pod exists or is gone; it is never created again.
                executor.reattach(resolved, reports);
            } else {
                executor.start(resolved, reports);
            }
        } catch (RuntimeException e) {
            reports.onChange(resolved.ref(), StepOutcome.error("executor failed to start the step: " + e.getMessage(),
                    now));
        }
    }

}
