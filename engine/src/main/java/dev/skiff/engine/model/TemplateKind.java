package dev.skiff.engine.model;

/** What a template does, decided as Argo does by the first of its kind fields that is set. */
public enum TemplateKind {
    CONTAINER("container", true),
    CONTAINER_SET("containerSet", false),
    STEPS("steps", true),
    DAG("dag", true),
    SCRIPT("script", true),
    RESOURCE("resource", true),
    DATA("data", true),
    SUSPEND("suspend", true),
    HTTP("http", false),
    PLUGIN("plugin", false),
    /** None of the kind fields is set. */
    NONE("", false);

    private final String field;
    private final boolean supported;

    TemplateKind(String field, boolean supported) {
        this.field = field;
        this.supported = supported;
    }

    /** The template field that selects this kind. */
    public String field() {
        return field;
    }

    /**
     * Whether Skiff can run templates of this kind somewhere: resource and data templates run only as pods by
     * Argo's executor ({@code skiff controller}); the local runner refuses them (lint's LocalRunnerChecks).
     */
    public boolean isSupported() {
        return supported;
    }

    /** Whether a node of this kind runs a pod (container, script, resource, data and containerSet). */
    public boolean isPod() {
        return this == CONTAINER || this == SCRIPT || this == CONTAINER_SET || this == RESOURCE || this == DATA;
    }
}
