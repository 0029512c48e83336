package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.engine.model.WorkflowStatus;
import dev.skiff.engine.model.WorkflowTemplate;
import dev.skiff.engine.model.WorkflowTemplateRef;
import java.util.Map;
import java.util.Optional;

/**
 * Argo's {@code setExecWorkflow}: the spec a workflow runs. A Workflow without {@code workflowTemplateRef} runs its
 * own spec. One with it runs its spec merged over the referenced WorkflowTemplate's ({@link WorkflowSpecMerge}),
 * kept in {@code status.storedWorkflowTemplateSpec} and taken from there later (merged again only when
 * {@code suspend} or {@code shutdown} of the Workflow changed, as {@code needsStoredWfSpecUpdate}); it gets the
 * label {@code workflows.argoproj.io/workflow-template} (or {@code cluster-workflow-template}). A missing
 * WorkflowTemplate is an error with the informer's words ({@code workflowtemplate.argoproj.io "x" not found}).
 *
 * @param spec   the spec to run (the Workflow's own when {@code error} is set)
 * @param stored what goes to {@code status.storedWorkflowTemplateSpec}
 * @param error  why the workflow cannot run (Argo marks it Error with this message)
 * @param labels labels Argo adds to the Workflow
 */
record ExecSpec(WorkflowSpec spec, Optional<ObjectNode> stored, Optional<String> error, Map<String, String> labels) {

    static final String LABEL_WORKFLOW_TEMPLATE = "workflows.argoproj.io/workflow-template";
    static final String LABEL_CLUSTER_WORKFLOW_TEMPLATE = "workflows.argoproj.io/cluster-workflow-template";

    static ExecSpec of(Workflow wf, WorkflowTemplates templates) {
        Optional<WorkflowTemplateRef> ref = wf.spec().workflowTemplateRef();
        if (ref.isEmpty()) {
            return new ExecSpec(wf.spec(), Optional.empty(), Optional.empty(), Map.of());
        }
        Optional<ObjectNode> stored = wf.status().flatMap(WorkflowStatus::storedWorkflowTemplateSpec);
        ObjectNode userSpec = wf.spec().raw();
        ObjectNode merged;
        if (stored.isPresent() && !needsUpdate(userSpec, stored.get())) {
            merged = stored.get();
        } else {
            ObjectNode base;
            if (stored.isPresent()) {
                base = stored.get();
            } else {
                Optional<WorkflowTemplate> found;
                try {
                    found = ref.get().clusterScope() ? templates.clusterWorkflowTemplate(ref.get().name())
                            : templates.workflowTemplate(wf.namespace(), ref.get().name());
                } catch (TemplateLookupException e) {
                    return failed(wf, e.getMessage());
                }
                if (found.isEmpty()) {
                    return failed(wf, TemplateResolution.notFound(ref.get().clusterScope(), ref.get().name()));
                }
                base = found.get().spec().raw();
            }
            merged = WorkflowSpecMerge.join(userSpec, base);
        }
        WorkflowSpec spec;
        try {
            spec = WorkflowSpec.of(merged);
        } catch (WorkflowFormatException e) {
            return failed(wf, e.getMessage());
        }
        String label = ref.get().clusterScope() ? LABEL_CLUSTER_WORKFLOW_TEMPLATE : LABEL_WORKFLOW_TEMPLATE;
        return new ExecSpec(spec, Optional.of(merged), Optional.empty(), Map.of(label, ref.get().name()));
    }

    private static ExecSpec failed(Workflow wf, String message) {
        return new ExecSpec(wf.spec(), Optional.empty(), Optional.of(message), Map.of());
    }

    /**
     * Argo's {@code needsStoredWfSpecUpdate} (Go compares the {@code suspend} pointers, so any {@code suspend} on
     * either side counts as a change).
     */
    private static boolean needsUpdate(ObjectNode userSpec, ObjectNode stored) {
        String entrypoint = userSpec.path("entrypoint").asText("");
        if (!entrypoint.isEmpty() && stored.path("entrypoint").asText("").isEmpty()) {
            return true;
        }
        if (userSpec.hasNonNull("suspend") || stored.hasNonNull("suspend")) {
            return true;
        }
        return !text(userSpec.get("shutdown")).equals(text(stored.get("shutdown")));
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "" : value.asText();
    }
}
