package dev.skiff.engine.controller;

import java.time.Duration;
import java.util.Optional;

/**
 * An API request failed: the HTTP status (0 when the server could not be reached), Kubernetes' reason and a
 * message made from the Status object, never from request headers. {@code retryAfter} is the server's
 * {@code Retry-After}, if it sent one.
 */
public final class ApiFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;
    private final transient Optional<Duration> retryAfter;

    public ApiFailure(int code, String reason, String message, Optional<Duration> retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public boolean conflict() {
        return code == 409;
    }

    public boolean notFound() {
        return code == 404;
    }

    /** 410 Gone: a watch's resourceVersion is too old; list again. */
    public boolean gone() {
        return code == 410;
    }
}
