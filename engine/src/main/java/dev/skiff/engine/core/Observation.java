package dev.skiff.engine.core;

import dev.skiff.spi.executor.StepOutcome;

/** What the shell tells the reconciler happened since the last reconcile. */
public sealed interface Observation permits Observation.StepObserved, Observation.ResumeNode,
        Observation.StopWorkflow, Observation.Reachability {

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

    /**
     * The clusters that do not answer now, by the cluster name the workflow's steps are placed with (a template's
     * {@code cluster:}; the empty name stands for the workflow's own cluster), and how long one may stay so before
     * its nodes fail. State rather than an event: the shell passes the whole picture on every reconcile; a
     * reconciler that was never given one treats every cluster as reachable.
     */
    record Reachability(java.util.Map<String, ClusterOutage> unreachable, java.time.Duration timeout)
            implements Observation {

        /** Every cluster answers. */
        public static final Reachability ALL_REACHABLE = new Reachability(java.util.Map.of(),
                java.time.Duration.ofMinutes(5));

        public Reachability {
            unreachable = java.util.Map.copyOf(unreachable);
            java.util.Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the unreachable timeout must be positive, not " + timeout);
            }
        }
    }
}
