package dev.skiff.engine.cli;

import java.util.function.Supplier;

/**
 * A cluster and namespace where pods of a workflow ran, for {@code skiff logs}: how to reach it (opened when first
 * asked; {@link CommandFailedException} when the CLI has no credentials for it) and the label selector of the
 * workflow's pods there.
 *
 * @param where      for messages: {@code cluster 'C' namespace 'N'}, or the workflow's namespace
 * @param connection the cluster, working in the namespace
 * @param selector   the workflow label, and the owner labels where the pods are not the workflow's own
 */
record PodPlace(String where, Supplier<ClusterConnection> connection, String selector) {

    static final String OWNER_NAMESPACE_LABEL = "skiff.dev/owner-namespace";
    static final String OWNER_NAME_LABEL = "skiff.dev/owner-name";

    /** The workflow's own namespace, where {@code connection} works. */
    static PodPlace own(ClusterConnection connection, String workflowName) {
        return new PodPlace("namespace " + connection.namespace(), () -> connection,
                WorkflowLogPrinter.WORKFLOW_LABEL + "=" + workflowName);
    }

    /**
     * Another place: {@code target}'s empty cluster is the workflow's own ({@code own}), its empty namespace the
     * workflow's; pods there carry owner labels naming the workflow (never another workflow of that name).
     */
    static PodPlace of(dev.skiff.spi.executor.StepTarget target, ClusterConnection own, StepClusters clusters,
                       String workflowName) {
        String namespace = target.namespace().isEmpty() ? own.namespace() : target.namespace();
        String selector = WorkflowLogPrinter.WORKFLOW_LABEL + "=" + workflowName + "," + OWNER_NAMESPACE_LABEL + "="
                + own.namespace() + "," + OWNER_NAME_LABEL + "=" + workflowName;
        if (target.cluster().isEmpty()) {
            return new PodPlace("namespace " + namespace, () -> own.inNamespace(namespace), selector);
        }
        return new PodPlace("cluster '" + target.cluster() + "' namespace '" + namespace + "'",
                () -> clusters.connect(target.cluster(), namespace), selector);
    }
}
