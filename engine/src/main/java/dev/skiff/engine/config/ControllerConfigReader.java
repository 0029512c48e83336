package dev.skiff.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skiff.engine.yaml.YamlDocument;
import dev.skiff.engine.yaml.YamlException;
import dev.skiff.engine.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code controller.yaml} strictly: unknown keys are errors that list the known ones,
 * and no error quotes a value (auth keys may hold tokens). Provider-specific {@code auth:} keys
 * are checked later, against the provider (see the cluster registry).
 */
public final class ControllerConfigReader {

    static final List<String> TOP_KEYS = List.of("instanceId", "namespace", "clusters", "clusterSecret",
            "workflowSources", "workers", "qps", "burst", "port", "maxWorkflowSize", "leaderElection", "executor",
            "tenants", "clusterUnreachableTimeout");
    static final List<String> TENANT_KEYS = List.of("secretName", "key", "controllerCredentialsElsewhere");
    static final List<String> ELECTION_KEYS = List.of("enabled", "leaseName", "leaseNamespace", "leaseDuration",
            "renewDeadline", "retryPeriod", "identity");
    static final List<String> CLUSTER_KEYS = List.of("namespace", "auth");
    static final List<String> SECRET_KEYS = List.of("enabled", "name", "key");
    static final List<String> SOURCE_KEYS = List.of("cluster", "namespaces");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final YamlReader YAML = YamlReader.strictKeys();

    private ControllerConfigReader() {
    }

    public static ControllerConfig read(Path file) {
        try {
            Path absolute = file.toAbsolutePath();
            return parse(Files.readString(absolute), file.toString(), absolute.getParent());
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    public static ControllerConfig parse(String text, String source, Path directory) {
        JsonNode root = tree(text, source);
        boolean empty = root == null || root.isNull() || root.isMissingNode();
        if (!empty && !root.isObject()) {
            throw new ConfigException(source + ": the document is " + kind(root) + ", but a controller config is a"
                    + " map of keys (" + String.join(", ", TOP_KEYS) + "); see conf/controller.yaml of the"
                    + " distribution");
        }
        Checked top = new Checked(source, "", empty ? JsonNodeFactory.instance.objectNode() : root);
        top.onlyKeys(TOP_KEYS);
        String instanceId = top.string("instanceId").orElse("");
        Optional<String> namespace = top.string("namespace");
        Map<String, ClusterConfig> clusters = clusters(top.child("clusters"));
        if (!clusters.containsKey(ClusterConfig.IN_CLUSTER)) {
            clusters.put(ClusterConfig.IN_CLUSTER, new ClusterConfig(ClusterConfig.IN_CLUSTER, Optional.empty(),
                    new AuthSpec("in-cluster", Map.of()), ClusterConfig.Origin.IMPLICIT));
        }
        ClusterSecretConfig secret = clusterSecret(top.child("clusterSecret"));
        List<WorkflowSource> sources = workflowSources(top.child("workflowSources"), clusters);
        return new ControllerConfig(source, directory, instanceId, namespace, clusters, secret, sources, settings(top),
                empty, tenants(top.child("tenants")));
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static ControllerSettings settings(Checked top) {
        ControllerSettings d = ControllerSettings.DEFAULT;
        ControllerSettings settings = new ControllerSettings(top.integer("workers", 1, 1024).orElse(d.workers()),
                top.positive("qps").orElse(d.qps()), top.integer("burst", 1, 100_000).orElse(d.burst()),
                top.integer("port", 0, 65535).orElse(d.port()),
                top.integer("maxWorkflowSize", 1024, 64 * 1024 * 1024).orElse(d.maxWorkflowSize()),
                leaderElection(top.child("leaderElection")), executor(top.child("executor")),
                top.duration("clusterUnreachableTimeout").orElse(d.clusterUnreachableTimeout()));
        if (settings.burst() < settings.qps()) {
            throw top.child("burst").problem("must be at least qps");
        }
        return settings;
    }

    private static TenantConfig tenants(Checked node) {
        TenantConfig d = TenantConfig.DEFAULT;
        if (node.missing()) {
            return d;
        }
        node.requireMap();
        node.onlyKeys(TENANT_KEYS);
        return new TenantConfig(node.string("secretName").orElse(d.secretName()), node.string("key").orElse(d.key()),
                node.bool("controllerCredentialsElsewhere").orElse(d.controllerCredentialsElsewhere()));
    }

    private static LeaderElectionConfig leaderElection(Checked node) {
        LeaderElectionConfig d = LeaderElectionConfig.DEFAULT;
        if (node.missing()) {
            return d;
        }
        node.requireMap();
        node.onlyKeys(ELECTION_KEYS);
        LeaderElectionConfig config = new LeaderElectionConfig(node.bool("enabled").orElse(d.enabled()),
                node.string("leaseName"), node.string("leaseNamespace"),
                node.duration("leaseDuration").orElse(d.leaseDuration()),
                node.duration("renewDeadline").orElse(d.renewDeadline()),
                node.duration("retryPeriod").orElse(d.retryPeriod()), node.string("identity"));
        if (config.renewDeadline().compareTo(config.leaseDuration()) >= 0) {
            throw node.child("renewDeadline").problem("must be shorter than leaseDuration");
        }
        if (config.retryPeriod().compareTo(config.renewDeadline()) >= 0) {
            throw node.child("retryPeriod").problem("must be shorter than renewDeadline");
        }
        return config;
    }

    private static ExecutorConfig executor(Checked node) {
        if (node.missing()) {
            return ExecutorConfig.DEFAULT;
        }
        node.requireMap();
        String type = node.string("type").orElseThrow(() -> node.problem(
                "needs 'type', the step executor's name (such as pod)"));
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String key : node.keys()) {
            if (!key.equals("type")) {
                Checked value = node.child(key);
                settings.put(key, value.scalar());
            }
        }
        return new ExecutorConfig(type, settings);
    }

    private static Map<String, ClusterConfig> clusters(Checked node) {
        Map<String, ClusterConfig> clusters = new LinkedHashMap<>();
        if (node.missing()) {
            return clusters;
        }
        node.requireMap();
        for (String name : node.keys()) {
            checkName(node, name);
            Checked cluster = node.child(name);
            cluster.requireMap();
            cluster.onlyKeys(CLUSTER_KEYS);
            Checked auth = cluster.child("auth");
            if (auth.missing()) {
                throw cluster.problem("has no 'auth' block; add auth: {type: <provider>, ...}");
            }
            auth.requireMap();
            String type = auth.string("type").orElseThrow(() -> auth.problem(
                    "needs 'type', the auth provider's name (such as token, kubeconfig, in-cluster, eks)"));
            Map<String, Object> settings = auth.plainMap();
            settings.remove("type");
            clusters.put(name, new ClusterConfig(name, cluster.string("namespace"), new AuthSpec(type, settings),
                    ClusterConfig.Origin.CONFIG));
        }
        return clusters;
    }

    private static ClusterSecretConfig clusterSecret(Checked node) {
        if (node.missing()) {
            return ClusterSecretConfig.DEFAULT;
        }
        node.requireMap();
        node.onlyKeys(SECRET_KEYS);
        ClusterSecretConfig d = ClusterSecretConfig.DEFAULT;
        return new ClusterSecretConfig(node.bool("enabled").orElse(d.enabled()), node.string("name").orElse(d.name()),
                node.string("key").orElse(d.key()));
    }

    private static List<WorkflowSource> workflowSources(Checked node, Map<String, ClusterConfig> clusters) {
        if (node.missing()) {
            return List.of(new WorkflowSource(ClusterConfig.IN_CLUSTER, List.of()));
        }
        List<WorkflowSource> sources = new ArrayList<>();
        for (Checked entry : node.elements()) {
            entry.requireMap();
            entry.onlyKeys(SOURCE_KEYS);
            String cluster = entry.string("cluster").orElse(ClusterConfig.IN_CLUSTER);
            sources.add(new WorkflowSource(cluster, entry.strings("namespaces")));
        }
        return sources;
    }

    private static void checkName(Checked clusters, String name) {
        if (!NAME.matcher(name).matches()) {
            throw clusters.problem("has cluster name '" + name + "', which is not a valid name: use lower-case"
                    + " letters, digits, '-' and '.', starting and ending with a letter or digit");
        }
    }

    private static JsonNode tree(String text, String source) {
        List<YamlDocument> documents;
        try {
            documents = YAML.readAll(text);
        } catch (YamlException e) {
            String where = e.line() == 0 ? ""
                    : " at line " + e.line() + (e.column() == 0 ? "" : ", column " + e.column());
            // The parser's own descriptions may quote the text (auth keys may hold tokens): only these are shown.
            String original = e.problem();
            String what = !e.isSyntaxError() || original.startsWith("Duplicate field") ? ": " + original : "";
            throw new ConfigException(source + " is not valid YAML" + where + what);
        }
        if (documents.size() > 1) {
            throw new ConfigException(source + " holds " + documents.size() + " YAML documents; expected one");
        }
        return documents.isEmpty() ? null : documents.getFirst().root();
    }

    static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }
}
