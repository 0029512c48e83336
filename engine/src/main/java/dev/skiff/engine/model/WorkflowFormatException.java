package dev.skiff.engine.model;

/** The document is not a readable Workflow: the message names the file and the field or line. */
public class WorkflowFormatException extends RuntimeException {

    public WorkflowFormatException(String message) {
        super(message);
    }

    public WorkflowFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
