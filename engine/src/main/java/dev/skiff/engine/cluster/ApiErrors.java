package dev.skiff.engine.cluster;

import io.kubernetes.client.openapi.ApiException;

/** Turns API failures into short messages a user can act on (never quoting request headers). */
public final class ApiErrors {

    private ApiErrors() {
    }

    static String describe(ApiException e) {
        return switch (e.getCode()) {
            case 0 -> transport(e);
            case 401 -> "401 Unauthorized: the cluster rejected the credentials (wrong, expired or revoked token,"
                    + " or a certificate it does not trust)";
            case 403 -> "403 Forbidden: the identity lacks RBAC permission for this request";
            case 404 -> "404 Not Found";
            default -> "HTTP " + e.getCode();
        };
    }

    /**
     * A failure to talk to the API server at all (connection refused, TLS, no credentials) as one
     * line: the credentials' own message when a token could not be had, else the transport error.
     */
    public static String transport(Throwable e) {
        Throwable t = e;
        if (t instanceof BearerTokenInterceptor.CredentialsUnavailable) {
            return t.getMessage();
        }
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t instanceof BearerTokenInterceptor.CredentialsUnavailable) {
                return t.getMessage();
            }
        }
        String message = t.getMessage();
        return "cannot reach the API server: " + t.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
