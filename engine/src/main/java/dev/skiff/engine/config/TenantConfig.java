package dev.skiff.engine.config;

/**
 * How workflows reach other namespaces and clusters (config key {@code tenants}).
 *
 * @param secretName                   the tenant kubeconfig secret each workflow namespace may hold (Argo's
 *                                     multi-cluster design: {@code kubeconfig})
 * @param key                          its key holding the kubeconfig ({@code value})
 * @param controllerCredentialsElsewhere whether a workflow namespace <em>without</em> such a secret may run steps
 *                                     outside its own namespace and cluster with the controller's credentials
 *                                     (default no: a platform with many tenants keeps them apart)
 */
public record TenantConfig(String secretName, String key, boolean controllerCredentialsElsewhere) {

    public static final TenantConfig DEFAULT = new TenantConfig("kubeconfig", "value", false);
}
