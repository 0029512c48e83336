package dev.skiff.auth.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.skiff.spi.auth.ClusterAuthException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed kubeconfig: named clusters, users and contexts. Errors name the source and the entry,
 * never quote the content (it holds secrets).
 *
 * @param source        where it came from, for messages (a path or a secret reference)
 * @param baseDirectory relative file paths inside it are resolved against this
 */
record Kubeconfig(String source, Path baseDirectory, JsonNode root) {

    /** One context with its cluster and user entries. */
    record Context(String name, JsonNode cluster, JsonNode user, Optional<String> namespace) {
    }

    static Kubeconfig parse(byte[] content, String source, Path baseDirectory) {
        JsonNode root;
        try {
            root = KubeconfigYaml.read(content).orElse(null);
        } catch (KubeconfigYaml.Problem e) {
            throw new ClusterAuthException("kubeconfig " + source + " " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ClusterAuthException("kubeconfig " + source + " is not a kubeconfig (expected a map with"
                    + " clusters, users and contexts)");
        }
        return new Kubeconfig(source, baseDirectory, root);
    }

    Optional<String> currentContext() {
        return text(root.path("current-context"));
    }

    List<String> contextNames() {
        List<String> names = new ArrayList<>();
        root.path("contexts").forEach(c -> text(c.path("name")).ifPresent(names::add));
        return names;
    }

    Context context(String name) {
        JsonNode context = named("contexts", name).path("context");
        if (context.isMissingNode()) {
            throw new ClusterAuthException("kubeconfig " + source + " has no context '" + name + "'; its contexts: "
                    + contextNames());
        }
        String clusterName = text(context.path("cluster")).orElseThrow(() -> new ClusterAuthException(
                "kubeconfig " + source + ": context '" + name + "' names no cluster"));
        String userName = text(context.path("user")).orElseThrow(() -> new ClusterAuthException(
                "kubeconfig " + source + ": context '" + name + "' names no user"));
        JsonNode cluster = named("clusters", clusterName).path("cluster");
        if (cluster.isMissingNode()) {
            throw new ClusterAuthException("kubeconfig " + source + ": context '" + name + "' names cluster '"
                    + clusterName + "', which is not in its clusters");
        }
        JsonNode user = named("users", userName).path("user");
        if (user.isMissingNode()) {
            throw new ClusterAuthException("kubeconfig " + source + ": context '" + name + "' names user '"
                    + userName + "', which is not in its users");
        }
        return new Context(name, cluster, user, text(context.path("namespace")));
    }

    /** A file path from the kubeconfig, resolved against its directory. */
    Path resolve(String path) {
        return baseDirectory.resolve(path).normalize();
    }

    private JsonNode named(String section, String name) {
        for (JsonNode entry : root.path(section)) {
            if (name.equals(entry.path("name").asText(null))) {
                return entry;
            }
        }
        return MissingNode.getInstance();
    }

    static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Kubeconfig[" + source + "]";
    }
}
