package dev.skiff.engine.config;

/**
 * The Argo-style cluster secret: a kubeconfig in key {@code key} of secret {@code name} in the
 * controller's namespace; each context becomes a cluster.
 */
public record ClusterSecretConfig(boolean enabled, String name, String key) {

    public static final ClusterSecretConfig DEFAULT = new ClusterSecretConfig(true, "kubeconfig", "value");
}
