package dev.skiff.engine.lint;

/** Whether Argo would refuse the workflow too, or only Skiff cannot run it yet. */
public enum ProblemKind {
    /**
     * The Kubernetes API server refuses the object itself (its {@code metadata}, such as a name that is not a
     * DNS subdomain): no Workflow is ever created, so Argo records nothing.
     */
    INVALID_OBJECT,
    /** Argo's own validation rejects it: Argo fails the workflow with {@code invalid spec: <message>}. */
    INVALID,
    /**
     * The WorkflowTemplate (or ClusterWorkflowTemplate) that {@code spec.workflowTemplateRef} names does not exist.
     * {@code argo submit} is refused with this problem's message; Argo's controller loads the template before it
     * validates anything, so a Workflow created anyway ends {@code Error} with the Kubernetes NotFound message
     * ({@code workflowtemplate.argoproj.io "x" not found}), which the reconciler gives too.
     */
    WORKFLOW_TEMPLATE_NOT_FOUND,
    /** Valid for Argo, but a feature Skiff does not support yet. */
    UNSUPPORTED
}
