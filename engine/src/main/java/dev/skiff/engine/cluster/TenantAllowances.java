package dev.skiff.engine.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a workflow namespace's tenant kubeconfig allows, context by context, as the controller would decide it
 * ({@code skiff clusters --tenants}): the cluster and namespace it opens, or why it opens nothing (a cluster the
 * controller does not have, a cluster restricted to another namespace, a user that cannot be used).
 */
public final class TenantAllowances {

    /**
     * One context.
     *
     * @param context   its name
     * @param cluster   the cluster it names
     * @param namespace the namespace it allows, {@code *} for any
     * @param status    {@code OK} or what keeps it from being used
     */
    public record Allowance(String context, String cluster, String namespace, String status) {

        public boolean ok() {
            return status.equals("OK");
        }
    }

    private TenantAllowances() {
    }

    public static List<Allowance> of(TenantKubeconfig kubeconfig, Function<String, Optional<Cluster>> clusters) {
        List<Allowance> out = new ArrayList<>();
        for (TenantKubeconfig.Context c : kubeconfig.contexts()) {
            Optional<Cluster> cluster = clusters.apply(c.cluster());
            String namespace = c.namespace().orElse("*");
            String status;
            if (cluster.isEmpty()) {
                status = "UNUSED: the controller has no cluster '" + c.cluster() + "'";
            } else if (c.unusable().isPresent()) {
                status = "UNUSED: " + c.unusable().get();
            } else if (cluster.get().managedNamespace().isPresent()
                    && !cluster.get().managedNamespace().get().equals(namespace)) {
                String only = cluster.get().managedNamespace().get();
                status = c.namespace().isEmpty() ? "OK (only namespace '" + only + "': the cluster is restricted)"
                        : "UNUSED: cluster '" + c.cluster() + "' is restricted to namespace '" + only + "'";
            } else {
                status = "OK";
            }
            out.add(new Allowance(c.name(), c.cluster(), namespace, status));
        }
        return out;
    }
}
