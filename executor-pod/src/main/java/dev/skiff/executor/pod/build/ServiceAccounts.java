package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.JsonTree;
import java.util.Map;

/** setupServiceAccount: the pod's service account and token automount (no executor service account). */
final class ServiceAccounts {

    private ServiceAccounts() {
    }

    static void apply(PodTemplate tmpl, Map<String, Object> spec) throws PodBuildException {
        String account = JsonTree.text(tmpl.field("serviceAccountName"));
        if (!account.isEmpty()) {
            spec.put("serviceAccountName", account);
        }
        if (JsonTree.bool(tmpl.field("automountServiceAccountToken")).orElse(true)) {
            return;
        }
        // Argo mounts the executor service account's token instead; without one it refuses the pod.
        throw new PodBuildException("executor.serviceAccountName must not be empty if automountServiceAccountToken"
                + " is false");
    }
}
