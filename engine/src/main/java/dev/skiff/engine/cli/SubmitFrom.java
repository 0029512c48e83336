package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.cron.CronWorkflow;
import dev.skiff.engine.cron.SubmittedWorkflow;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowFormatException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * {@code skiff submit --from KIND/NAME}: the Workflow Argo's server makes from a resource ({@code SubmitWorkflow}).
 * A WorkflowTemplate or ClusterWorkflowTemplate gives {@code generateName: NAME-}, {@code spec.workflowTemplateRef}
 * and the label {@code workflows.argoproj.io/workflow-template} (or {@code cluster-workflow-template}); the template
 * must exist. A CronWorkflow gives its {@code workflowSpec} with its labels and owner ({@link SubmittedWorkflow}).
 *
 * @param kind the resource's kind
 * @param name its name
 */
record SubmitFrom(ArgoKind kind, String name) {

    static SubmitFrom parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            throw new UserInputException("--from " + text + ": resource identifier is malformed. Should be"
                    + " `kind/name`, e.g. cronwf/hello-world-cwf");
        }
        String kindText = text.substring(0, slash);
        ArgoKind kind = ArgoKind.parse(kindText).orElseThrow(() -> new UserInputException("--from " + text
                + ": Resource kind '" + kindText + "' is not supported for submitting (workflowtemplate,"
                + " clusterworkflowtemplate, cronworkflow)"));
        return new SubmitFrom(kind, text.substring(slash + 1));
    }

    /** The Workflow to create, read from the cluster where it needs the resource. */
    Workflow workflow(ClusterConnection connection, Instant now) {
        ArgoObjects objects = new ArgoObjects(kind, connection);
        ObjectNode resource = objects.require(name);
        ObjectNode wf = kind == ArgoKind.CRON_WORKFLOW
                ? SubmittedWorkflow.of(CronWorkflow.read(resource), now, ZoneId.systemDefault())
                : fromTemplate(kind == ArgoKind.CLUSTER_WORKFLOW_TEMPLATE, name);
        try {
            return WorkflowCodec.read(wf, "--from " + kind.kind().toLowerCase(java.util.Locale.ROOT) + "/" + name);
        } catch (WorkflowFormatException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /** Argo's {@code NewWorkflowFromWorkflowTemplate}. */
    static ObjectNode fromTemplate(boolean clusterScope, String name) {
        ObjectNode wf = JsonNodeFactory.instance.objectNode();
        wf.put("apiVersion", "argoproj.io/v1alpha1");
        wf.put("kind", "Workflow");
        ObjectNode metadata = wf.putObject("metadata");
        metadata.put("generateName", name + "-");
        metadata.putObject("labels").put(clusterScope ? "workflows.argoproj.io/cluster-workflow-template"
                : "workflows.argoproj.io/workflow-template", name);
        ObjectNode ref = wf.putObject("spec").putObject("workflowTemplateRef");
        ref.put("name", name);
        if (clusterScope) {
            ref.put("clusterScope", true);
        }
        return wf;
    }
}
