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
    /** Valid for Argo, but a feature Skiff does not support yet. */
    UNSUPPORTED
}
