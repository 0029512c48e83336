package dev.skiff.engine.core;

/** What the reconciler asks its shell to do: start a step, stop one, or call back at a time. */
public sealed interface Decision permits Decision.StartStep, Decision.StopStep, Decision.WakeAt {

    /** Start (or re-attach to) a step; idempotent because the step id is deterministic. */
    record StartStep(dev.skiff.spi.executor.StepRequest request) implements Decision {
    }

    /** Stop a running step; its outcome then arrives as an observation. */
    record StopStep(dev.skiff.spi.executor.StepRef ref, String nodeId, String reason) implements Decision {
    }

    /** Reconcile again at this time even if nothing else happens (back-off, deadline, suspend). */
    record WakeAt(java.time.Instant at) implements Decision {
    }
}
