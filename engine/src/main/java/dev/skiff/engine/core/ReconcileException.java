package dev.skiff.engine.core;

/**
 * A failure inside one reconcile that Argo models as an error value: it fails or errors a node with
 * its message, or signals a control-flow condition ({@link Kind}).
 */
final class ReconcileException extends RuntimeException {

    /** Argo's sentinel errors that steer the walk rather than fail a node. */
    enum Kind {
        /** An ordinary error: the node errors with the message. */
        ERROR,
        /** Argo's ErrParallelismReached: the node cannot start now. */
        PARALLELISM,
        /** Argo's ErrTimeout: a pending node exceeded its template timeout. */
        TIMEOUT,
        /** Argo's ErrRequeue: a referenced value is not there yet; try again later. */
        REQUEUE,
        /** Argo's ErrMaxDepthExceeded. */
        MAX_DEPTH
    }

    private final Kind kind;

    ReconcileException(String message) {
        this(Kind.ERROR, message);
    }

    ReconcileException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    boolean is(Kind k) {
        return kind == k;
    }
}
