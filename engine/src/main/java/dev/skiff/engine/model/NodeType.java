package dev.skiff.engine.model;

import java.util.Optional;

/** The type of a workflow node, as Argo names it. */
public enum NodeType {
    POD("Pod"),
    STEPS("Steps"),
    STEP_GROUP("StepGroup"),
    DAG("DAG"),
    TASK_GROUP("TaskGroup"),
    RETRY("Retry"),
    SKIPPED("Skipped"),
    SUSPEND("Suspend");

    private final String argoName;

    NodeType(String argoName) {
        this.argoName = argoName;
    }

    /** The name Argo writes, such as {@code StepGroup}. */
    public String argoName() {
        return argoName;
    }

    /** The type with this Argo name; empty for an unknown name. */
    public static Optional<NodeType> fromArgoName(String name) {
        for (NodeType type : values()) {
            if (type.argoName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
