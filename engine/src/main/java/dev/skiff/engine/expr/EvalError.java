package dev.skiff.engine.expr;

/** A runtime failure without position; the evaluator adds the position of the node that failed. */
final class EvalError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EvalError(String message) {
        super(message, null, false, false);
    }

    EvalError(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
