package dev.skiff.engine.template;

/** A govaluate parse error, with govaluate's message. */
final class WhenSyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WhenSyntaxError(String message) {
        super(message, null, false, false);
    }
}
