package dev.skiff.engine.model;

import java.util.Optional;

/** The phase of a whole workflow, as Argo names it in {@code status.phase}. */
public enum WorkflowPhase {
    PENDING("Pending"),
    RUNNING("Running"),
    SUCCEEDED("Succeeded"),
    FAILED("Failed"),
    ERROR("Error");

    private final String argoName;

    WorkflowPhase(String argoName) {
        this.argoName = argoName;
    }

    /** The name Argo writes, such as {@code Succeeded}. */
    public String argoName() {
        return argoName;
    }

    /** Whether the workflow has ended. */
    public boolean isDone() {
        return this == SUCCEEDED || this == FAILED || this == ERROR;
    }

    /** The phase with this Argo name; empty for an unknown name. */
    public static Optional<WorkflowPhase> fromArgoName(String name) {
        for (WorkflowPhase phase : values()) {
            if (phase.argoName.equals(name)) {
                return Optional.of(phase);
            }
        }
        return Optional.empty();
    }
}
