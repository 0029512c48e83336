package dev.skiff.engine.core;

import dev.skiff.engine.model.WorkflowPhase;
import java.util.List;

/**
 * The result of one reconcile.
 *
 * @param decisions what the shell must do now, in order
 * @param phase     the workflow's phase afterwards
 * @param changed   whether the status changed
 */
public record Reconciliation(List<Decision> decisions, WorkflowPhase phase, boolean changed) {

    public Reconciliation {
        decisions = List.copyOf(decisions);
    }

    /** Whether the workflow has ended. */
    public boolean done() {
        return phase.isDone();
    }
}
