package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.cluster.Cluster;
import dev.skiff.engine.config.ClusterConfig;
import dev.skiff.engine.config.TenantConfig;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import dev.skiff.spi.executor.StepTarget;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tenant isolation: who may put a workflow's pods where, and with which identity. */
class TargetAccessTest {

    private static final String CONTROLLER_TOKEN = "controller-secret-token";
    private static final byte[] SPOKE_CA = "-----BEGIN CERTIFICATE-----spoke".getBytes(StandardCharsets.UTF_8);
    private static final WorkflowKey WF = new WorkflowKey("in-cluster", "local", "wf");

    private final Map<String, byte[]> secrets = new HashMap<>();
    private final List<String> reads = new java.util.ArrayList<>();

    private static Cluster cluster(String name, Optional<String> managedNamespace) {
        TokenSource controller = new TokenSource() {
            @Override
            public BearerToken token() {
                return new BearerToken(CONTROLLER_TOKEN, Optional.empty());
            }

            @Override
            public BearerToken refresh() {
                return token();
            }
        };
        return new Cluster(name, ClusterConfig.Origin.SECRET, managedNamespace, "kubeconfig", "plugins/auth-token",
                null, new ClusterCredentials(URI.create("https://" + name + ".example:6443"), Optional.of(SPOKE_CA),
                Optional.of(controller), Optional.empty(), false));
    }

    private TargetAccess access(TenantConfig config) {
        Map<String, Cluster> clusters = Map.of("cluster-1", cluster("cluster-1", Optional.empty()),
                "restricted", cluster("restricted", Optional.of("remote")),
                "in-cluster", cluster("in-cluster", Optional.empty()));
        return new TargetAccess(name -> Optional.ofNullable(clusters.get(name)), (c, ns, name) -> {
            reads.add(c + "/" + ns + "/" + name);
            byte[] value = secrets.get(c + "/" + ns + "/" + name);
            return value == null ? Optional.empty() : Optional.of(Map.of("value", value));
        }, config, new TargetAccess.ControllerSecret("in-cluster", "argo", "kubeconfig"));
    }

    private static final String TENANT = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: cluster-1
              cluster: {server: "https://evil.example:1", insecure-skip-tls-verify: true}
            users:
            - name: remote
              user: {token: tenant-token}
            - name: runner
              user: {exec: {command: /bin/sh}}
            contexts:
            - name: c1
              context: {cluster: cluster-1, namespace: remote, user: remote}
            - name: any
              context: {cluster: restricted, user: remote}
            - name: shell
              context: {cluster: cluster-1, namespace: shell, user: runner}
            """;

    private void tenantSecret(String namespace, String kubeconfig) {
        secrets.put("in-cluster/" + namespace + "/kubeconfig", kubeconfig.getBytes(StandardCharsets.UTF_8));
    }

    private static String refused(TargetAccess.Access access) {
        assertThat(access).isInstanceOf(TargetAccess.Access.Refused.class);
        return ((TargetAccess.Access.Refused) access).message();
    }

    @Test
    void theWorkflowsOwnPlaceUsesTheControllersCredentialsWithoutReadingAnySecret() {
        assertThat(access(TenantConfig.DEFAULT).check(WF, new StepTarget("in-cluster", "local")))
                .isInstanceOf(TargetAccess.Access.Controller.class);
        assertThat(reads).isEmpty();
    }

    @Test
    void aMatchingContextGivesTheTenantsUserWithTheControllersServerAndCa() {
        tenantSecret("local", TENANT);
        TargetAccess.Access access = access(TenantConfig.DEFAULT).check(WF, new StepTarget("cluster-1", "remote"));

        assertThat(access).isInstanceOf(TargetAccess.Access.Tenant.class);
        ClusterCredentials c = ((TargetAccess.Access.Tenant) access).credentials();
        assertThat(c.server()).isEqualTo(URI.create("https://cluster-1.example:6443"));
        assertThat(c.caBundle()).hasValue(SPOKE_CA);
        assertThat(c.insecureSkipTlsVerify()).isFalse();
        assertThat(c.token().orElseThrow().token().value()).isEqualTo("tenant-token");
        assertThat(c.toString()).doesNotContain("tenant-token");
        assertThat(reads).containsExactly("in-cluster/local/kubeconfig");
    }

    @Test
    void aContextWithoutNamespaceAllowsAnyNamespaceOfItsCluster() {
        tenantSecret("local", TENANT.replace("cluster: restricted", "cluster: cluster-1").replace("name: c1",
                "name: other").replace("namespace: remote, ", "namespace: elsewhere, "));
        assertThat(access(TenantConfig.DEFAULT).check(WF, new StepTarget("cluster-1", "team-x")))
                .isInstanceOf(TargetAccess.Access.Tenant.class);
    }

    @Test
    void noContextForTheClusterOrNamespaceRefusesNamingAllThree() {
        tenantSecret("local", TENANT);
        TargetAccess access = access(TenantConfig.DEFAULT);

        assertThat(refused(access.check(WF, new StepTarget("cluster-1", "kube-system")))).isEqualTo(
                "workflow namespace 'local' may not run steps in cluster 'cluster-1' namespace 'kube-system': its"
                        + " kubeconfig secret 'kubeconfig' has no context for cluster 'cluster-1' with namespace"
                        + " 'kube-system' or none");
        assertThat(refused(access.check(WF, new StepTarget("in-cluster", "argo")))).contains("no context for"
                + " cluster 'in-cluster' with namespace 'argo'");
        assertThat(refused(access.check(WF, new StepTarget("nowhere", "remote")))).isEqualTo(
                "workflow namespace 'local' may not run steps in cluster 'nowhere' namespace 'remote': the"
                        + " controller has no cluster of that name");
    }

    @Test
    void aClusterEntrysNamespaceRestrictsItWhateverTheTenantsContextAllows() {
        tenantSecret("local", TENANT);
        TargetAccess access = access(TenantConfig.DEFAULT);

        assertThat(refused(access.check(WF, new StepTarget("restricted", "other")))).endsWith(
                "the controller's cluster 'restricted' is restricted to namespace 'remote'");
        assertThat(access.check(WF, new StepTarget("restricted", "remote")))
                .isInstanceOf(TargetAccess.Access.Tenant.class);
    }

    @Test
    void withoutASecretOnlyTheSwitchLetsTheControllersCredentialsGoElsewhere() {
        StepTarget remote = new StepTarget("cluster-1", "remote");
        assertThat(refused(access(TenantConfig.DEFAULT).check(WF, remote))).isEqualTo(
                "workflow namespace 'local' may not run steps in cluster 'cluster-1' namespace 'remote': it has no"
                        + " kubeconfig secret 'kubeconfig' (key 'value') with a context for them, and the controller's"
                        + " own credentials only serve a workflow's own cluster and namespace");
        assertThat(access(new TenantConfig("kubeconfig", "value", true)).check(WF, remote))
                .isInstanceOf(TargetAccess.Access.Controller.class);
        assertThat(refused(access(TenantConfig.DEFAULT).check(WF, new StepTarget("in-cluster", "other"))))
                .contains("it has no kubeconfig secret");
    }

    @Test
    void aTenantReadsOnlyItsOwnNamespacesSecretNeverAnotherOrTheControllers() {
        tenantSecret("team-b", TENANT);
        tenantSecret("argo", TENANT);
        TargetAccess access = access(TenantConfig.DEFAULT);

        assertThat(access.check(WF, new StepTarget("cluster-1", "remote")))
                .isInstanceOf(TargetAccess.Access.Refused.class);
        // A workflow in the controller's namespace: the controller's cluster secret is not a tenant kubeconfig.
        assertThat(refused(access.check(new WorkflowKey("in-cluster", "argo", "wf"),
                new StepTarget("cluster-1", "remote")))).contains("it has no kubeconfig secret");
        assertThat(reads).containsExactly("in-cluster/local/kubeconfig");
    }

    @Test
    void usersThatWouldRunCommandsOrReadFilesAreRefused() {
        tenantSecret("local", TENANT);
        assertThat(refused(access(TenantConfig.DEFAULT).check(WF, new StepTarget("cluster-1", "shell")))).isEqualTo(
                "workflow namespace 'local' may not run steps in cluster 'cluster-1' namespace 'shell': context"
                        + " 'shell' of its kubeconfig secret 'kubeconfig': its user 'runner' uses 'exec', which tenant"
                        + " kubeconfigs may not (only token or client-certificate-data/client-key-data)");
    }

    @Test
    void aBrokenSecretIsRefusedWithoutQuotingIt() {
        tenantSecret("local", "token: s3cr3t-value\n  - : [");
        String message = refused(access(TenantConfig.DEFAULT).check(WF, new StepTarget("cluster-1", "remote")));
        assertThat(message).contains("kubeconfig secret local/kubeconfig is not a").doesNotContain("s3cr3t");
    }

    @Test
    void theSameSecretGivesTheSameCredentialsObjectSoExecutorsReuseTheirClients() {
        tenantSecret("local", TENANT);
        TargetAccess access = access(TenantConfig.DEFAULT);
        var first = ((TargetAccess.Access.Tenant) access.check(WF, new StepTarget("cluster-1", "remote"))).credentials();
        var second = ((TargetAccess.Access.Tenant) access.check(WF, new StepTarget("cluster-1", "remote"))).credentials();
        assertThat(second).isSameAs(first);
        tenantSecret("local", TENANT.replace("tenant-token", "rotated-token"));
        var third = ((TargetAccess.Access.Tenant) access.check(WF, new StepTarget("cluster-1", "remote"))).credentials();
        assertThat(third.token().orElseThrow().token().value()).isEqualTo("rotated-token");
    }
}
