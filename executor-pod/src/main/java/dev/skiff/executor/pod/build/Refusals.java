package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.spi.executor.StepRequest;

/** What Skiff's pod executor does not do (yet): the node ends in error saying so, never a silent difference. */
final class Refusals {

    private Refusals() {
    }

    static void check(StepRequest request, PodTemplate tmpl) throws PodBuildException {
        if (request.workflowUid().isEmpty()) {
            throw new PodBuildException("the workflow's uid is unknown; the pod executor needs the Workflow object"
                    + " (its uid goes into ARGO_WORKFLOW_UID and the owner references)");
        }
        if (!JsonTree.text(JsonTree.at(tmpl.template(), "executor", "serviceAccountName")).isEmpty()) {
            throw new PodBuildException("executor.serviceAccountName is not supported by Skiff's pod executor yet"
                    + " (Argo mounts that account's token into the executor containers); remove it to run the"
                    + " executor as the pod's service account");
        }
        if (JsonTree.at(tmpl.template(), "retryStrategy", "affinity") != null) {
            throw new PodBuildException("retryStrategy.affinity is not supported by Skiff's pod executor yet"
                    + " (Argo keeps retries off the nodes earlier attempts ran on)");
        }
    }
}
