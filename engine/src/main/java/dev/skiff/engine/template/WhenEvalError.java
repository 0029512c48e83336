package dev.skiff.engine.template;

/** A govaluate evaluation error, with govaluate's message. */
final class WhenEvalError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WhenEvalError(String message) {
        super(message, null, false, false);
    }
}
