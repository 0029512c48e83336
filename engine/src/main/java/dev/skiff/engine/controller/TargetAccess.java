package dev.skiff.engine.controller;

import dev.skiff.engine.cluster.Cluster;
import dev.skiff.engine.cluster.TenantKubeconfig;
import dev.skiff.engine.config.TenantConfig;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import dev.skiff.spi.executor.StepTarget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who may put a workflow's pods where (the tenant isolation of Argo's multi-cluster design). A step in the
 * workflow's own cluster and namespace is created with the controller's credentials, as Argo does. Anywhere else:
 * the cluster must be one of the controller's, and if its entry names a namespace only that one; the workflow's
 * namespace must hold the tenant kubeconfig secret with a context for that cluster whose namespace is the target's
 * or empty, and the pod is created with that context's user and the controller's server and CA for the cluster;
 * without such a secret only when {@link TenantConfig#controllerCredentialsElsewhere()} says so (default no). The
 * controller's own cluster secret is never read as a tenant's. Messages name the workflow namespace, the cluster
 * and the namespace, never a credential.
 */
final class TargetAccess {

    /** The outcome for one step. */
    sealed interface Access {
        /** The executor's own (the controller's) credentials. */
        record Controller() implements Access {
        }

        /** The tenant's user with the controller's server and CA. */
        record Tenant(ClusterCredentials credentials) implements Access {
        }

        /** Refused: the step fails with this message and nothing is created. */
        record Refused(String message) implements Access {
        }
    }

    /** Reads a secret: (cluster, namespace, name) to its data, empty when there is none. */
    interface SecretReader {
        Optional<Map<String, byte[]>> read(String cluster, String namespace, String name);
    }

    /** Where the controller's own cluster secret lives (never a tenant's). */
    record ControllerSecret(String cluster, String namespace, String name) {
    }

    private static final int MAX_CACHED = 1000;

    private final Function<String, Optional<Cluster>> clusters;
    private final SecretReader secrets;
    private final TenantConfig config;
    private final ControllerSecret controllerSecret;
    private final Map<String, ClusterCredentials> cached = new ConcurrentHashMap<>();

    TargetAccess(Function<String, Optional<Cluster>> clusters, SecretReader secrets, TenantConfig config,
                 ControllerSecret controllerSecret) {
        this.clusters = clusters;
        this.secrets = secrets;
        this.config = config;
        this.controllerSecret = controllerSecret;
    }

    /** The access of a step of the workflow {@code key} at the resolved {@code target}. */
    Access check(WorkflowKey key, StepTarget target) {
        if (target.cluster().equals(key.cluster()) && target.namespace().equals(key.namespace())) {
            return new Access.Controller();
        }
        String what = "workflow namespace '" + key.namespace() + "' may not run steps in cluster '" + target.cluster()
                + "' namespace '" + target.namespace() + "': ";
        Optional<Cluster> cluster = clusters.apply(target.cluster());
        if (cluster.isEmpty()) {
            return new Access.Refused(what + "the controller has no cluster of that name");
        }
        Optional<String> only = cluster.get().managedNamespace();
        if (only.isPresent() && !only.get().equals(target.namespace())) {
            return new Access.Refused(what + "the controller's cluster '" + target.cluster()
                    + "' is restricted to namespace '" + only.get() + "'");
        }
        Optional<byte[]> kubeconfig;
        try {
            kubeconfig = tenantKubeconfig(key);
        } catch (RuntimeException e) {
            return new Access.Refused(what + "cannot read its kubeconfig secret '" + config.secretName() + "': "
                    + e.getMessage());
        }
        if (kubeconfig.isEmpty()) {
            return config.controllerCredentialsElsewhere() ? new Access.Controller()
                    : new Access.Refused(what + "it has no kubeconfig secret '" + config.secretName() + "' (key '"
                            + config.key() + "') with a context for them, and the controller's own credentials only"
                            + " serve a workflow's own cluster and namespace");
        }
        return tenant(key, target, cluster.get(), kubeconfig.get(), what);
    }

    private Access tenant(WorkflowKey key, StepTarget target, Cluster cluster, byte[] kubeconfig, String what) {
        String cacheKey = key.cluster() + "/" + key.namespace() + "/" + target.cluster() + "/" + target.namespace()
                + "/" + digest(kubeconfig);
        ClusterCredentials known = cached.get(cacheKey);
        if (known != null) {
            return new Access.Tenant(known);
        }
        String source = "kubeconfig secret " + key.namespace() + "/" + config.secretName();
        TenantKubeconfig parsed;
        try {
            parsed = TenantKubeconfig.parse(kubeconfig, source);
        } catch (ClusterAuthException e) {
            return new Access.Refused(what + e.getMessage());
        }
        Optional<TenantKubeconfig.Context> context = parsed.find(target.cluster(), target.namespace());
        if (context.isEmpty()) {
            return new Access.Refused(what + "its kubeconfig secret '" + config.secretName() + "' has no context for"
                    + " cluster '" + target.cluster() + "' with namespace '" + target.namespace() + "' or none");
        }
        if (context.get().unusable().isPresent()) {
            return new Access.Refused(what + "context '" + context.get().name() + "' of its kubeconfig secret '"
                    + config.secretName() + "': " + context.get().unusable().get());
        }
        ClusterCredentials own = cluster.credentials();
        ClusterCredentials credentials;
        try {
            credentials = new ClusterCredentials(own.server(), own.caBundle(),
                    context.get().token().map(t -> tokens(key, target, t)), context.get().certificate(),
                    own.insecureSkipTlsVerify(), own.insecureSendCredentialsOverHttp());
        } catch (ClusterAuthException e) {
            return new Access.Refused(what + e.getMessage());
        }
        if (cached.size() > MAX_CACHED) {
            cached.clear();
        }
        cached.put(cacheKey, credentials);
        return new Access.Tenant(credentials);
    }

    /** The secret's kubeconfig; empty when the namespace has none (or it is the controller's own). */
    private Optional<byte[]> tenantKubeconfig(WorkflowKey key) {
        if (controllerSecret.equals(new ControllerSecret(key.cluster(), key.namespace(), config.secretName()))) {
            return Optional.empty();
        }
        Optional<Map<String, byte[]>> secret = secrets.read(key.cluster(), key.namespace(), config.secretName());
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        byte[] value = secret.get().get(config.key());
        if (value == null) {
            throw new ClusterAuthException("it has no key '" + config.key() + "'");
        }
        return Optional.of(value);
    }

    /** The tenant's token; a refresh (after a 401) reads the secret again, as a rotated token lands there. */
    private TokenSource tokens(WorkflowKey key, StepTarget target, String first) {
        return new TokenSource() {
            private volatile BearerToken current = new BearerToken(first, Optional.empty());

            @Override
            public BearerToken token() {
                return current;
            }

            @Override
            public BearerToken refresh() {
                try {
                    tenantKubeconfig(key).map(k -> TenantKubeconfig.parse(k, "kubeconfig secret"))
                            .flatMap(k -> k.find(target.cluster(), target.namespace()))
                            .flatMap(TenantKubeconfig.Context::token)
                            .ifPresent(t -> current = new BearerToken(t, Optional.empty()));
                } catch (RuntimeException e) {
                    // keep the token held; the request fails with the server's answer
                }
                return current;
            }
        };
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            return Integer.toHexString(new String(content, StandardCharsets.UTF_8).hashCode());
        }
    }
}
