package dev.skiff.engine.lint;

import dev.skiff.engine.model.WorkflowSpec;

/**
 * What Skiff's controller ({@link ExecutionProfile#CLUSTER}) does not do yet although Argo's controller does it
 * outside the pods: {@code spec.volumeClaimTemplates} (Argo creates a PersistentVolumeClaim per template, owned by
 * the workflow, records it in {@code status.persistentVolumeClaims}, mounts it into every pod and deletes it per
 * {@code volumeClaimGC}). Refused rather than run with pods that mount a claim nobody created.
 */
final class ClusterChecks {

    private final WorkflowSpec spec;
    private final Problems problems;

    ClusterChecks(WorkflowSpec spec, Problems problems) {
        this.spec = spec;
        this.problems = problems;
    }

    void checkWorkflow() {
        if (spec.raw().path("volumeClaimTemplates").size() > 0) {
            problems.unsupported("", "spec.volumeClaimTemplates is not supported by Skiff's controller yet: it does"
                    + " not create the workflow's PersistentVolumeClaims", "create the claim yourself and mount it"
                    + " with spec.volumes: [{name: ..., persistentVolumeClaim: {claimName: ...}}], or run the"
                    + " workflow locally (skiff run)");
        }
    }
}
