package dev.skiff.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.cli.TestingPluginsFolder;
import dev.skiff.engine.config.ClusterConfig.Origin;
import dev.skiff.engine.config.ControllerConfigReader;
import dev.skiff.engine.plugin.AuthProviderCatalog;
import dev.skiff.engine.plugin.PluginLoader;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry against real kube-apiservers, with the auth-token plugin loaded from a plugins/ folder. */
@Testbed
class ClusterRegistryIT {

    @TempDir
    Path dir;

    private ClusterRegistry registry(String yaml) throws IOException {
        Path plugins = TestingPluginsFolder.authToken(dir);
        var config = ControllerConfigReader.parse(yaml, "controller.yaml", dir);
        var catalog = AuthProviderCatalog.of(new PluginLoader().load(plugins));
        return ClusterRegistry.build(config, catalog, new ClusterSetup(Clock.systemUTC(), Map.of(),
                ClusterSetup.system().secretReader()));
    }

    private static String token(TestbedCluster cluster, String namespace, String account) {
        cluster.kubectl("-n", namespace, "create", "serviceaccount", account);
        return cluster.kubectl("-n", namespace, "create", "token", account, "--duration=10m").strip();
    }

    @Test
    void aRotatedServiceAccountTokenFileIsPickedUpWithoutRestart(TestbedCluster hub, TestNamespace namespace)
            throws IOException {
        Files.writeString(dir.resolve("ca.crt"), hub.caCertificatePem());
        Path tokenFile = Files.writeString(dir.resolve("token"), token(hub, namespace.name(), "first"));
        try (ClusterRegistry registry = registry("""
                clusterSecret: {enabled: false}
                clusters:
                  hub-sa:
                    auth: {type: in-cluster, server: "%s", caFile: ca.crt, tokenFile: token}
                """.formatted(hub.server()))) {
            Cluster cluster = registry.find("hub-sa").orElseThrow();
            assertThat(ClusterCheck.check(cluster).identity())
                    .contains("system:serviceaccount:" + namespace.name() + ":first");

            Path next = Files.writeString(dir.resolve("token.new"), token(hub, namespace.name(), "second"));
            Files.move(next, tokenFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            assertThat(ClusterCheck.check(cluster).identity())
                    .contains("system:serviceaccount:" + namespace.name() + ":second");
        }
    }

    @Test
    void theClusterSecretGivesOneClusterPerContextAndSkipsABadOne(TestbedCluster hub, TestNamespace namespace)
            throws IOException {
        String ns = namespace.name();
        String saToken = token(hub, ns, "spoke-user");
        String ca = Base64.getEncoder().encodeToString(hub.caCertificatePem().getBytes(StandardCharsets.US_ASCII));
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: hub
                  cluster: {server: "%s", certificate-authority-data: %s}
                users:
                - name: sa
                  user: {token: "%s"}
                contexts:
                - name: team-a
                  context: {cluster: hub, user: sa, namespace: %s}
                - name: anywhere
                  context: {cluster: hub, user: sa}
                - name: broken
                  context: {cluster: nowhere, user: sa}
                """.formatted(hub.server(), ca, saToken, ns);
        Path secretFile = Files.writeString(dir.resolve("kubeconfig-value"), kubeconfig);
        hub.kubectl("-n", ns, "create", "secret", "generic", "kubeconfig", "--from-file=value=" + secretFile);
        Files.delete(secretFile);
        List<String> log = new ArrayList<>();
        Handler handler = capture(log);
        Logger jul = Logger.getLogger(ClusterRegistry.class.getName());
        var previousLevel = jul.getLevel();
        jul.setLevel(java.util.logging.Level.INFO);
        jul.addHandler(handler);
        try (ClusterRegistry registry = registry("""
                namespace: %s
                clusters:
                  in-cluster:
                    auth: {type: kubeconfig, file: "%s"}
                """.formatted(ns, hub.kubeconfig()))) {
            String host = hub.server().getHost() + ":" + hub.server().getPort();
            assertThat(log).contains(
                    "INFO cluster=in-cluster managedNamespace=* server=" + host + " auth=kubeconfig",
                    "INFO cluster=team-a managedNamespace=" + ns + " server=" + host + " auth=kubeconfig",
                    "INFO cluster=anywhere managedNamespace=* server=" + host + " auth=kubeconfig");
            assertThat(registry.problems()).singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo("broken");
                assertThat(p.origin()).isEqualTo(Origin.SECRET);
                assertThat(p.message()).contains("context 'broken' names cluster 'nowhere'");
            });
            assertThat(ClusterCheck.check(registry.find("team-a").orElseThrow()).identity())
                    .contains("system:serviceaccount:" + ns + ":spoke-user");
            assertThat(String.join("\n", log)).doesNotContain(saToken);
        } finally {
            jul.removeHandler(handler);
            jul.setLevel(previousLevel);
        }
    }

    private static Handler capture(List<String> log) {
        return new Handler() {
            public void publish(LogRecord r) {
                log.add(r.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(r));
            }

            public void flush() {
            }

            public void close() {
            }
        };
    }
}
