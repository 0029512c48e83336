package dev.skiff.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.config.ClusterConfig;
import dev.skiff.spi.auth.ClusterCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code skiff clusters --tenants} shows for a tenant kubeconfig. */
class TenantAllowancesTest {

    private static Cluster cluster(String name, Optional<String> only) {
        return new Cluster(name, ClusterConfig.Origin.SECRET, only, "kubeconfig", "plugins/auth-token", null,
                new ClusterCredentials(URI.create("https://" + name + ":6443"), Optional.empty(), Optional.empty(),
                        Optional.empty(), false));
    }

    @Test
    void eachContextSaysWhatItOpensOrWhyNothing() {
        TenantKubeconfig tenant = TenantKubeconfig.parse("""
                users:
                - {name: t, user: {token: secret-token}}
                - {name: e, user: {exec: {command: sh}}}
                contexts:
                - {name: a, context: {cluster: cluster-1, namespace: remote, user: t}}
                - {name: b, context: {cluster: cluster-1, namespace: other, user: t}}
                - {name: c, context: {cluster: cluster-2, user: t}}
                - {name: d, context: {cluster: nowhere, user: t}}
                - {name: e, context: {cluster: cluster-2, namespace: x, user: e}}
                - {name: f, context: {cluster: cluster-1, user: t}}
                """.getBytes(StandardCharsets.UTF_8), "test");
        Map<String, Cluster> clusters = Map.of("cluster-1", cluster("cluster-1", Optional.of("remote")),
                "cluster-2", cluster("cluster-2", Optional.empty()));

        assertThat(TenantAllowances.of(tenant, n -> Optional.ofNullable(clusters.get(n))))
                .extracting(a -> a.context() + " " + a.cluster() + "/" + a.namespace() + " " + a.status())
                .containsExactly(
                        "a cluster-1/remote OK",
                        "b cluster-1/other UNUSED: cluster 'cluster-1' is restricted to namespace 'remote'",
                        "c cluster-2/* OK",
                        "d nowhere/* UNUSED: the controller has no cluster 'nowhere'",
                        "e cluster-2/x UNUSED: its user 'e' uses 'exec', which tenant kubeconfigs may not (only token"
                                + " or client-certificate-data/client-key-data)",
                        "f cluster-1/* OK (only namespace 'remote': the cluster is restricted)");
        assertThat(tenant.toString()).doesNotContain("secret-token");
    }
}
