package dev.skiff.engine.core;

/**
 * A {@link WorkflowTemplates} lookup that could not be answered (as opposed to "not found"), such as a controller
 * without permission to read ClusterWorkflowTemplates. The message is what the node or workflow reports, so it
 * must name the resource and never carry credentials.
 */
public final class TemplateLookupException extends RuntimeException {

    public TemplateLookupException(String message) {
        super(message);
    }
}
