package dev.skiff.testbed;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A {@link TestNamespace} created in every cluster, deleted again when JUnit closes the lease. */
final class NamespaceLease implements AutoCloseable {
    static final String LABEL = "skiff.dev/testbed-namespace";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(1);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final System.Logger LOG = System.getLogger(NamespaceLease.class.getName());

    private final TestNamespace namespace;
    private final TestbedClusters clusters;

    private NamespaceLease(TestNamespace namespace, TestbedClusters clusters) {
        this.namespace = namespace;
        this.clusters = clusters;
    }

    /** Creates a namespace named after {@code testName} in every cluster and waits for its default ServiceAccount. */
    static NamespaceLease create(String testName, TestbedClusters clusters) {
        TestNamespace namespace = new TestNamespace(nameFor(testName));
        NamespaceLease lease = new NamespaceLease(namespace, clusters);
        for (TestbedCluster cluster : clusters.all()) {
            CoreV1Api api = new CoreV1Api(cluster.apiClient());
            try {
                api.createNamespace(new V1Namespace().metadata(new V1ObjectMeta()
                        .name(namespace.name()).labels(Map.of(LABEL, "true")))).execute();
            } catch (ApiException e) {
                lease.close();
                throw new TestbedException("creating namespace " + namespace + " in cluster " + cluster.name()
                        + " failed: HTTP " + e.getCode() + " " + e.getResponseBody(), e);
            }
            // ServiceAccount admission rejects pods until kube-controller-manager has made this.
            Await.until("ServiceAccount default in namespace " + namespace + " of cluster " + cluster.name(),
                    READY_TIMEOUT, () -> exists(api, namespace.name()));
        }
        return lease;
    }

    private static Optional<Boolean> exists(CoreV1Api api, String namespace) throws ApiException {
        try {
            api.readNamespacedServiceAccount("default", namespace).execute();
            return Optional.of(true);
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code t-<test name>-<5 random characters>}, a valid DNS label of at most 63 characters. */
    static String nameFor(String testName) {
        String base = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (base.length() > 48) {
            base = base.substring(0, 48).replaceAll("-+$", "");
        }
        StringBuilder name = new StringBuilder("t-").append(base.isEmpty() ? "test" : base).append('-');
        for (int i = 0; i < 5; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    TestNamespace namespace() {
        return namespace;
    }

    /** Starts the deletion in every cluster without waiting for it to finish. */
    @Override
    public void close() {
        for (TestbedCluster cluster : clusters.all()) {
            try {
                new CoreV1Api(cluster.apiClient()).deleteNamespace(namespace.name()).execute();
            } catch (ApiException e) {
                if (e.getCode() != 404) {
                    LOG.log(System.Logger.Level.WARNING, "deleting namespace {0} in cluster {1} failed: HTTP {2}",
                            namespace, cluster.name(), e.getCode());
                }
            }
        }
    }
}
