package dev.skiff.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.config.AuthSpec;
import dev.skiff.engine.config.ClusterConfig;
import dev.skiff.engine.yaml.YamlDocument;
import dev.skiff.engine.yaml.YamlException;
import dev.skiff.engine.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Argo-style cluster secret's kubeconfig, read for its context names and namespaces only:
 * each context becomes a cluster of that name whose auth is the {@code kubeconfig} provider
 * pointed back at the secret, and whose context namespace (if any) is the only one allowed.
 * Credentials are never read here.
 */
final class ClusterSecretEntries {

    private static final YamlReader YAML = YamlReader.lenient();
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    /** The entries, and problems of entries that were skipped. */
    record Parsed(List<ClusterConfig> clusters, List<ClusterProblem> problems) {
    }

    private ClusterSecretEntries() {
    }

    static Parsed parse(byte[] kubeconfig, String namespace, String secretName, String key) {
        String where = "cluster secret " + namespace + "/" + secretName + " key '" + key + "'";
        JsonNode root;
        try {
            List<YamlDocument> documents = YAML.readAll(new String(kubeconfig, StandardCharsets.UTF_8));
            root = documents.isEmpty() ? null : documents.getFirst().root();
        } catch (YamlException e) {
            // Only the position: the parser's description may quote the kubeconfig, which holds credentials.
            return new Parsed(List.of(), List.of(problem("*", where + " is not a valid kubeconfig (YAML"
                    + (e.line() == 0 ? "" : ", line " + e.line()) + ")")));
        }
        if (root == null || !root.path("contexts").isArray()) {
            return new Parsed(List.of(), List.of(problem("*", where + " holds no contexts")));
        }
        List<ClusterConfig> clusters = new ArrayList<>();
        List<ClusterProblem> problems = new ArrayList<>();
        Map<String, Object> secretRef = Map.of("namespace", namespace, "name", secretName, "key", key);
        for (JsonNode context : root.path("contexts")) {
            String name = context.path("name").asText("");
            if (!NAME.matcher(name).matches()) {
                problems.add(problem(name.isEmpty() ? "?" : name, where + ": context '" + name + "' is skipped: its"
                        + " name is not a valid cluster name (lower-case letters, digits, '-' and '.')"));
                continue;
            }
            String ns = context.path("context").path("namespace").asText("");
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("secret", secretRef);
            settings.put("context", name);
            clusters.add(new ClusterConfig(name, ns.isEmpty() ? Optional.empty() : Optional.of(ns),
                    new AuthSpec("kubeconfig", settings), ClusterConfig.Origin.SECRET));
        }
        return new Parsed(clusters, problems);
    }

    private static ClusterProblem problem(String name, String message) {
        return new ClusterProblem(name, ClusterConfig.Origin.SECRET, message);
    }
}
