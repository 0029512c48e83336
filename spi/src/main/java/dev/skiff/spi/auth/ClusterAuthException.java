package dev.skiff.spi.auth;

import dev.skiff.spi.Stability;

/**
 * A cluster's credentials cannot be had. The message says what to fix and never contains a
 * token, key or kubeconfig.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public class ClusterAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterAuthException(String message) {
        super(message);
    }

    public ClusterAuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
