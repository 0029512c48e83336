package dev.skiff.engine.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The controller's configuration.
 *
 * @param source          the file it was read from, for messages
 * @param directory       relative paths in it are resolved against this
 * @param instanceId      Argo's controller instance id; empty handles workflows without one
 * @param namespace       the controller's own namespace; empty means: find out at start-up
 * @param clusters        named clusters by name, {@code in-cluster} always among them
 * @param clusterSecret   the Argo-style cluster secret
 * @param workflowSources where to watch for workflows
 * @param settings        how the controller runs (workers, rate limits, port, leader election, executor)
 * @param empty           the document was empty (or only comments): every setting is its default
 * @param tenants         tenant kubeconfig secrets and whether the controller's credentials reach elsewhere
 */
public record ControllerConfig(String source, Path directory, String instanceId, Optional<String> namespace,
        Map<String, ClusterConfig> clusters, ClusterSecretConfig clusterSecret, List<WorkflowSource> workflowSources,
        ControllerSettings settings, boolean empty, TenantConfig tenants) {

    public ControllerConfig {
        java.util.Objects.requireNonNull(tenants, "tenants");
        clusters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
        workflowSources = List.copyOf(workflowSources);
        java.util.Objects.requireNonNull(settings, "settings");
    }

    /** A config with the default controller settings. */
    public ControllerConfig(String source, Path directory, String instanceId, Optional<String> namespace,
                            Map<String, ClusterConfig> clusters, ClusterSecretConfig clusterSecret,
                            List<WorkflowSource> workflowSources) {
        this(source, directory, instanceId, namespace, clusters, clusterSecret, workflowSources,
                ControllerSettings.DEFAULT, false, TenantConfig.DEFAULT);
    }

    /** The same config with other tenant settings. */
    public ControllerConfig withTenants(TenantConfig newTenants) {
        return new ControllerConfig(source, directory, instanceId, namespace, clusters, clusterSecret, workflowSources,
                settings, empty, newTenants);
    }

    /** The same config with other controller settings. */
    public ControllerConfig withSettings(ControllerSettings newSettings) {
        return new ControllerConfig(source, directory, instanceId, namespace, clusters, clusterSecret, workflowSources,
                newSettings, empty, tenants);
    }
}
