package dev.skiff.executor.pod.kube;

/**
 * A failed API request: the HTTP status (0 when the server was not reached) and the API server's own message
 * (a Status object's {@code message}), never request headers.
 */
public final class ApiFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;

    public ApiFailure(int code, String reason, String message) {
        super(message);
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    /** The Status reason ({@code AlreadyExists}, {@code Forbidden}, ...), empty when unknown. */
    public String reason() {
        return reason;
    }

    /**
     * Argo's IsTransientErr for what a create returns: rate limited, timeouts, unavailable, quota exceeded or
     * contended, etcd hiccups, or no connection at all. Such failures are retried; others end the step.
     */
    public boolean transientFailure() {
        String m = getMessage() == null ? "" : getMessage();
        return code == 0 || code == 429 || code == 503 || code == 504
                || (code == 403 && m.contains("exceeded quota"))
                || (code == 409 && m.contains("Operation cannot be fulfilled on resourcequota"))
                || (code == 500 && (m.contains("resource quota evaluation timed out") || m.contains("etcdserver:")))
                || m.contains("etcdserver: leader changed") || m.contains("etcdserver: request timed out")
                || m.contains("etcdserver: too many requests");
    }
}
