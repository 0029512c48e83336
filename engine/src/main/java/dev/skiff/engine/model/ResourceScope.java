package dev.skiff.engine.model;

import java.util.Optional;

/**
 * Where a template is looked up, as Argo's {@code ResourceScope}: in the Workflow itself, in a (namespaced)
 * WorkflowTemplate, or in a ClusterWorkflowTemplate. Node statuses record it in {@code templateScope} as
 * {@code <scope>/<resource name>}, such as {@code local/hello-x7k2p} or {@code namespaced/print-templates}.
 */
public enum ResourceScope {
    LOCAL("local"),
    NAMESPACED("namespaced"),
    CLUSTER("cluster");

    private final String argoName;

    ResourceScope(String argoName) {
        this.argoName = argoName;
    }

    /** The word Argo writes: {@code local}, {@code namespaced} or {@code cluster}. */
    public String argoName() {
        return argoName;
    }

    /** The scope with this Argo name. */
    public static Optional<ResourceScope> fromArgoName(String name) {
        for (ResourceScope scope : values()) {
            if (scope.argoName.equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
