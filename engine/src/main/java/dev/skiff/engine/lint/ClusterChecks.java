package dev.skiff.engine.lint;

import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowSpec;

/**
 * What Skiff's controller ({@link ExecutionProfile#CLUSTER}) does not do yet although Argo's controller does it
 * outside the pods: {@code spec.volumeClaimTemplates} (Argo creates a PersistentVolumeClaim per template, owned by
 * the workflow, records it in {@code status.persistentVolumeClaims}, mounts it into every pod and deletes it per
 * {@code volumeClaimGC}). Refused rather than run with pods that mount a claim nobody created. Likewise
 * {@code artifactGC} with a strategy that deletes (Argo's controller runs artifact-GC pods with
 * {@code argoexec artifact delete} and holds a finalizer): refused rather than leave the artifacts silently. Also
 * the daemon steps Skiff's reconciler does not handle yet (see {@link #checkTemplate}).
 */
final class ClusterChecks {

    private final WorkflowSpec spec;
    private final Problems problems;

    ClusterChecks(WorkflowSpec spec, Problems problems) {
        this.spec = spec;
        this.problems = problems;
    }

    /**
     * Daemon steps run in the controller; a daemon as the workflow's entrypoint (Argo stops it once the workflow is
     * otherwise done) and a daemon with a retry strategy (Argo daemons the Retry node too) do not yet.
     */
    void checkTemplate(Template template, boolean entrypoint) {
        if (!template.daemon()) {
            return;
        }
        if (entrypoint) {
            problems.unsupported(template.name(), "a daemon template as the workflow's entrypoint is not supported by"
                    + " Skiff's controller yet", "call the daemon from a steps or DAG template");
        }
        if (template.raw().has("retryStrategy")) {
            problems.unsupported(template.name(), "templates." + template.name() + ": daemon templates with a"
                    + " retryStrategy are not supported by Skiff's controller yet", "remove the retryStrategy");
        }
    }

    void checkWorkflow() {
        if (spec.raw().path("volumeClaimTemplates").size() > 0) {
            problems.unsupported("", "spec.volumeClaimTemplates is not supported by Skiff's controller yet: it does"
                    + " not create the workflow's PersistentVolumeClaims", "create the claim yourself and mount it"
                    + " with spec.volumes: [{name: ..., persistentVolumeClaim: {claimName: ...}}], or run the"
                    + " workflow locally (skiff run)");
        }
        String strategy = spec.raw().path("artifactGC").path("strategy").asText("");
        if (!strategy.isEmpty() && !strategy.equals("Never")) {
            problems.unsupported("", "spec.artifactGC (strategy " + strategy + ") is not supported by Skiff's"
                    + " controller yet: it would not delete the artifacts", ARTIFACT_GC_HINT);
        }
        for (com.fasterxml.jackson.databind.JsonNode template : spec.raw().path("templates")) {
            for (com.fasterxml.jackson.databind.JsonNode art : template.path("outputs").path("artifacts")) {
                String own = art.path("artifactGC").path("strategy").asText("");
                if (!own.isEmpty() && !own.equals("Never")) {
                    problems.unsupported(template.path("name").asText(""), "templates." + template.path("name")
                            .asText("") + ".outputs.artifacts." + art.path("name").asText("") + ".artifactGC"
                            + " (strategy " + own + ") is not supported by Skiff's controller yet: it would not"
                            + " delete the artifact", ARTIFACT_GC_HINT);
                }
            }
        }
    }

    private static final String ARTIFACT_GC_HINT = "remove artifactGC (and delete the artifacts with a lifecycle"
            + " rule of the bucket), or run the workflow locally (skiff run deletes OnWorkflowCompletion artifacts)";
}
