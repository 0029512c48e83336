package dev.skiff.engine.lint;

/** Whether Argo would refuse the workflow too, or only Skiff cannot run it yet. */
public enum ProblemKind {
    /** Argo's own validation rejects it: Argo fails the workflow with {@code invalid spec: <message>}. */
    INVALID,
    /** Valid for Argo, but a feature Skiff does not support yet. */
    UNSUPPORTED
}
