package dev.skiff.engine.core;

import dev.skiff.engine.model.NodeStatus;

/**
 * What executing a template yields, as Argo's {@code (node, err)} pair: either may be absent
 * (no node when parallelism prevented creating it; no error on success).
 *
 * @param node  the node, or null
 * @param error the error, or null
 */
record Exec(NodeStatus node, ReconcileException error) {

    static Exec of(NodeStatus node) {
        return new Exec(node, null);
    }

    boolean failed() {
        return error != null;
    }

    boolean is(ReconcileException.Kind kind) {
        return error != null && error.is(kind);
    }
}
