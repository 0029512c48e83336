package dev.skiff.engine.model;

import java.util.Optional;

/** The phase of one node of a workflow, as Argo names it. */
public enum NodePhase {
    PENDING("Pending"),
    RUNNING("Running"),
    SUCCEEDED("Succeeded"),
    SKIPPED("Skipped"),
    FAILED("Failed"),
    ERROR("Error"),
    OMITTED("Omitted");

    private final String argoName;

    NodePhase(String argoName) {
        this.argoName = argoName;
    }

    /** The name Argo writes, such as {@code Succeeded}. */
    public String argoName() {
        return argoName;
    }

    /** Whether the node has ended (Argo's "fulfilled"): completed, skipped or omitted. */
    public boolean isDone() {
        return this != PENDING && this != RUNNING;
    }

    /** Succeeded, Failed or Error (Argo's "completed"; skipped and omitted nodes are not). */
    public boolean isCompleted() {
        return this == SUCCEEDED || this == FAILED || this == ERROR;
    }

    /** Failed or Error. */
    public boolean isFailedOrError() {
        return this == FAILED || this == ERROR;
    }

    /** The phase with this Argo name; empty for an unknown name. */
    public static Optional<NodePhase> fromArgoName(String name) {
        for (NodePhase phase : values()) {
            if (phase.argoName.equals(name)) {
                return Optional.of(phase);
            }
        }
        return Optional.empty();
    }
}
