package dev.skiff.engine.core;

import dev.skiff.spi.executor.StepOutcome;

/** What the shell tells the reconciler happened since the last reconcile. */
public sealed interface Observation permits Observation.StepObserved, Observation.ResumeNode,
        Observation.StopWorkflow {

    /** An executor reported a step's state; {@code nodeId} is the pod node the step belongs to. */
    record StepObserved(String nodeId, StepOutcome outcome) implements Observation {
    }

    /** Resume a suspended node, by node name, display name or id. */
    record ResumeNode(String node) implements Observation {
    }

    /**
     * Stop the workflow: running steps are stopped and the workflow ends Failed with the reason. As Argo's
     * shutdown strategies: {@code Stop} still runs exit handlers, {@code terminate} (Argo's {@code Terminate})
     * stops those too and starts none. A terminate may follow a stop (it then takes over the reason).
     */
    record StopWorkflow(String reason, boolean terminate) implements Observation {

        /** Argo's {@code Stop}. */
        public StopWorkflow(String reason) {
            this(reason, false);
        }
    }
}
