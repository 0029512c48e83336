package dev.skiff.engine.template;

/** A template could not be rendered; the message names the tag, e.g. "failed to resolve {{inputs.parameters.x}}". */
public class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
