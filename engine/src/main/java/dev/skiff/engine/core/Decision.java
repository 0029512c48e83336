package dev.skiff.engine.core;

/** What the reconciler asks its shell to do: start a step, stop one, or call back at a time. */
public sealed interface Decision permits Decision.StartStep, Decision.StopStep, Decision.WakeAt {

    /**
     * Start (or re-attach to) a step; idempotent because the step id is deterministic.
     *
     * @param request  what to start
     * @param reattach the node was recorded {@code Running} in the status this reconciler was built from (a
     *                 restart, a rebuild): its step exists and must only be re-attached, never started again
     *                 ({@link dev.skiff.spi.executor.StepExecutor#reattach}); false for a node this reconciler
     *                 created, and for one recorded {@code Pending}, whose step is started (Argo re-creates the
     *                 pod of a pending node; an existing one is attached)
     */
    record StartStep(dev.skiff.spi.executor.StepRequest request, boolean reattach) implements Decision {

        /** A step started by this reconciler (not a re-attachment). */
        public StartStep(dev.skiff.spi.executor.StepRequest request) {
            this(request, false);
        }
    }

    /** Stop a running step; its outcome then arrives as an observation. */
    record StopStep(dev.skiff.spi.executor.StepRef ref, String nodeId, String reason) implements Decision {
    }

    /** Reconcile again at this time even if nothing else happens (back-off, deadline, suspend). */
    record WakeAt(java.time.Instant at) implements Decision {
    }
}
