package dev.skiff.engine.model;

/**
 * Argo's {@code nodeFlag}: why a node exists.
 *
 * @param hooked  the node runs a hook or exit handler
 * @param retried the node is an attempt of a Retry node
 */
public record NodeFlag(boolean hooked, boolean retried) {

    public static final NodeFlag NONE = new NodeFlag(false, false);
    public static final NodeFlag HOOKED = new NodeFlag(true, false);
    public static final NodeFlag RETRIED = new NodeFlag(false, true);
}
