package dev.skiff.engine.cluster;

import dev.skiff.engine.config.AuthSpec;
import dev.skiff.engine.config.ClusterConfig;
import dev.skiff.spi.auth.ClusterAuthException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Argo-style cluster secret's kubeconfig, read for its context names and namespaces only:
 * each context becomes a cluster of that name whose auth is the {@code kubeconfig} provider
 * pointed back at the secret, and whose context namespace (if any) is the only one allowed.
 * Credentials are never read here.
 */
final class ClusterSecretEntries {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    /** The entries, and problems of entries that were skipped. */
    record Parsed(List<ClusterConfig> clusters, List<ClusterProblem> problems) {
    }

    private ClusterSecretEntries() {
    }

    static Parsed parse(byte[] kubeconfig, String namespace, String secretName, String key) {
        String where = "cluster secret " + namespace + "/" + secretName + " key '" + key + "'";
        KubeconfigContexts parsed;
        try {
            parsed = KubeconfigContexts.parse(kubeconfig, where);
        } catch (ClusterAuthException e) {
            return new Parsed(List.of(), List.of(problem("*", e.getMessage())));
        }
        if (parsed.contexts().isEmpty()) {
            return new Parsed(List.of(), List.of(problem("*", where + " holds no contexts")));
        }
        List<ClusterConfig> clusters = new ArrayList<>();
        List<ClusterProblem> problems = new ArrayList<>();
        Map<String, Object> secretRef = Map.of("namespace", namespace, "name", secretName, "key", key);
        for (KubeconfigContexts.Context context : parsed.contexts()) {
            String name = context.name();
            if (!NAME.matcher(name).matches()) {
                problems.add(problem(name.isEmpty() ? "?" : name, where + ": context '" + name + "' is skipped: its"
                        + " name is not a valid cluster name (lower-case letters, digits, '-' and '.')"));
                continue;
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("secret", secretRef);
            settings.put("context", name);
            clusters.add(new ClusterConfig(name, context.namespace(), new AuthSpec("kubeconfig", settings),
                    ClusterConfig.Origin.SECRET));
        }
        return new Parsed(clusters, problems);
    }

    private static ClusterProblem problem(String name, String message) {
        return new ClusterProblem(name, ClusterConfig.Origin.SECRET, message);
    }
}
