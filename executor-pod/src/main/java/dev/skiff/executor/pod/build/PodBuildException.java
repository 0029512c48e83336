package dev.skiff.executor.pod.build;

/**
 * The pod cannot be built; the message is the node's message (Argo's words where Argo has them). Usually the
 * node ends in error; when the workflow's deadline passed before the pod could start, it fails instead (Argo
 * creates no pod then and fails the node with "Step exceeded its deadline").
 */
public final class PodBuildException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean deadlinePassed;

    public PodBuildException(String message) {
        this(message, false);
    }

    private PodBuildException(String message, boolean deadlinePassed) {
        super(message);
        this.deadlinePassed = deadlinePassed;
    }

    static PodBuildException ofDeadlinePassed() {
        return new PodBuildException("Step exceeded its deadline", true);
    }

    /** Whether the node fails (deadline passed) rather than ends in error. */
    public boolean deadlinePassed() {
        return deadlinePassed;
    }
}
