package dev.skiff.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.yaml.YamlDocument;
import dev.skiff.engine.yaml.YamlException;
import dev.skiff.engine.yaml.YamlReader;
import dev.skiff.spi.auth.ClientCertificate;
import dev.skiff.spi.auth.ClusterAuthException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A workflow namespace's tenant kubeconfig (Argo's multi-cluster design): each context names a cluster of the
 * controller (its {@code cluster} field), a namespace (empty: any) and a user whose inline credentials — a bearer
 * {@code token} or {@code client-certificate-data}/{@code client-key-data} — create that tenant's pods there. The
 * tenant's {@code server} and CA are never read: the controller's own for that cluster are used, so a tenant can
 * neither point the controller at another server nor weaken TLS. Users with {@code exec}, {@code tokenFile},
 * {@code auth-provider} or passwords are not usable (a file or command of the controller's host would run).
 * Errors name the source, never quote the content.
 *
 * @param contexts every context, in the order written
 */
public record TenantKubeconfig(List<Context> contexts) {

    private static final YamlReader YAML = YamlReader.lenient();

    /**
     * One context.
     *
     * @param name        its name
     * @param cluster     the cluster it names
     * @param namespace   its namespace; empty means any
     * @param token       the user's bearer token
     * @param certificate the user's client certificate
     * @param unusable    why the user cannot be used; empty when it can
     */
    public record Context(String name, String cluster, Optional<String> namespace, Optional<String> token,
                          Optional<ClientCertificate> certificate, Optional<String> unusable) {

        @Override
        public String toString() {
            return "Context[name=" + name + ", cluster=" + cluster + ", namespace=" + namespace.orElse("*") + "]";
        }
    }

    public TenantKubeconfig {
        contexts = List.copyOf(contexts);
    }

    /**
     * Reads a tenant kubeconfig.
     *
     * @throws ClusterAuthException when it is no kubeconfig; the message names {@code source} only
     */
    public static TenantKubeconfig parse(byte[] content, String source) {
        JsonNode root;
        try {
            List<YamlDocument> documents = YAML.readAll(new String(content, StandardCharsets.UTF_8));
            root = documents.isEmpty() ? null : documents.getFirst().root();
        } catch (YamlException e) {
            throw new ClusterAuthException(source + " is not a valid kubeconfig (YAML"
                    + (e.line() == 0 ? "" : ", line " + e.line()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ClusterAuthException(source + " is not a kubeconfig (expected a map with users and contexts)");
        }
        List<Context> contexts = new ArrayList<>();
        for (JsonNode entry : root.path("contexts")) {
            JsonNode context = entry.path("context");
            String name = entry.path("name").asText("");
            String namespace = context.path("namespace").asText("");
            String userName = context.path("user").asText("");
            JsonNode user = null;
            for (JsonNode u : root.path("users")) {
                if (u.path("name").asText("").equals(userName)) {
                    user = u.path("user");
                    break;
                }
            }
            contexts.add(context(name, context.path("cluster").asText(""),
                    namespace.isEmpty() ? Optional.empty() : Optional.of(namespace), userName, user));
        }
        return new TenantKubeconfig(contexts);
    }

    private static Context context(String name, String cluster, Optional<String> namespace, String userName,
                                   JsonNode user) {
        if (user == null || !user.isObject()) {
            return new Context(name, cluster, namespace, Optional.empty(), Optional.empty(),
                    Optional.of("its user '" + userName + "' is not in the kubeconfig"));
        }
        for (String refused : List.of("exec", "tokenFile", "auth-provider", "username", "password",
                "client-certificate", "client-key")) {
            if (user.has(refused)) {
                return new Context(name, cluster, namespace, Optional.empty(), Optional.empty(),
                        Optional.of("its user '" + userName + "' uses '" + refused + "', which tenant kubeconfigs may"
                                + " not (only token or client-certificate-data/client-key-data)"));
            }
        }
        String token = user.path("token").asText("");
        String cert = user.path("client-certificate-data").asText("");
        String key = user.path("client-key-data").asText("");
        Optional<ClientCertificate> certificate = Optional.empty();
        if (!cert.isEmpty() || !key.isEmpty()) {
            try {
                certificate = Optional.of(new ClientCertificate(Base64.getMimeDecoder().decode(cert),
                        Base64.getMimeDecoder().decode(key)));
            } catch (IllegalArgumentException e) {
                return new Context(name, cluster, namespace, Optional.empty(), Optional.empty(),
                        Optional.of("its user '" + userName + "' has client certificate data that is not base64"));
            }
            if (cert.isEmpty() || key.isEmpty()) {
                return new Context(name, cluster, namespace, Optional.empty(), Optional.empty(),
                        Optional.of("its user '" + userName + "' needs both client-certificate-data and"
                                + " client-key-data"));
            }
        }
        if (token.isEmpty() && certificate.isEmpty()) {
            return new Context(name, cluster, namespace, Optional.empty(), Optional.empty(),
                    Optional.of("its user '" + userName + "' has no token and no client certificate"));
        }
        return new Context(name, cluster, namespace, token.isEmpty() ? Optional.empty() : Optional.of(token),
                certificate, Optional.empty());
    }

    /**
     * The context for {@code cluster} and {@code namespace}: one whose namespace is exactly that first, else one
     * without a namespace; the first of each in the order written.
     */
    public Optional<Context> find(String cluster, String namespace) {
        Optional<Context> exact = contexts.stream().filter(c -> c.cluster().equals(cluster)
                && c.namespace().equals(Optional.of(namespace))).findFirst();
        return exact.isPresent() ? exact : contexts.stream().filter(c -> c.cluster().equals(cluster)
                && c.namespace().isEmpty()).findFirst();
    }
}
