package dev.skiff.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.yaml.YamlDocument;
import dev.skiff.engine.yaml.YamlException;
import dev.skiff.engine.yaml.YamlReader;
import dev.skiff.spi.auth.ClusterAuthException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The contexts of a kubeconfig: their names and namespaces, and the current context. Only these
 * are read; users and clusters (credentials) are left to the {@code kubeconfig} auth provider.
 * Errors name the source, never quote the content.
 *
 * @param currentContext {@code current-context}, when set
 * @param contexts       every context in the order written (names may be empty or invalid)
 */
public record KubeconfigContexts(Optional<String> currentContext, List<Context> contexts) {

    private static final YamlReader YAML = YamlReader.lenient();

    /**
     * One context.
     *
     * @param name      its name as written ("" when missing)
     * @param namespace its namespace; empty when unset
     */
    public record Context(String name, Optional<String> namespace) {
    }

    public KubeconfigContexts {
        contexts = List.copyOf(contexts);
    }

    /**
     * Reads the contexts of a kubeconfig.
     *
     * @throws ClusterAuthException when the text is no YAML map; the message names {@code source}
     */
    public static KubeconfigContexts parse(byte[] content, String source) {
        JsonNode root;
        try {
            List<YamlDocument> documents = YAML.readAll(new String(content, StandardCharsets.UTF_8));
            root = documents.isEmpty() ? null : documents.getFirst().root();
        } catch (YamlException e) {
            // Only the position: the parser's description may quote the kubeconfig, which holds credentials.
            throw new ClusterAuthException(source + " is not a valid kubeconfig (YAML"
                    + (e.line() == 0 ? "" : ", line " + e.line()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ClusterAuthException(source + " is not a kubeconfig (expected a map with clusters, users and"
                    + " contexts)");
        }
        List<Context> contexts = new ArrayList<>();
        for (JsonNode context : root.path("contexts")) {
            String namespace = context.path("context").path("namespace").asText("");
            contexts.add(new Context(context.path("name").asText(""),
                    namespace.isEmpty() ? Optional.empty() : Optional.of(namespace)));
        }
        String current = root.path("current-context").asText("");
        return new KubeconfigContexts(current.isEmpty() ? Optional.empty() : Optional.of(current), contexts);
    }

    /** The context of that name. */
    public Optional<Context> find(String name) {
        return contexts.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The non-empty context names, in the order written. */
    public List<String> names() {
        return contexts.stream().map(Context::name).filter(n -> !n.isEmpty()).toList();
    }
}
