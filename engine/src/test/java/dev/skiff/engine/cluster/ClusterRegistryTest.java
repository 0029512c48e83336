package dev.skiff.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.engine.config.ClusterConfig.Origin;
import dev.skiff.engine.config.ConfigException;
import dev.skiff.engine.config.ControllerConfig;
import dev.skiff.engine.config.ControllerConfigReader;
import dev.skiff.engine.plugin.AuthProviderCatalog;
import dev.skiff.engine.plugin.Plugin;
import dev.skiff.engine.plugin.PluginSet;
import dev.skiff.spi.auth.SecretSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterRegistryTest {

    private static final String SECRET_TOKEN = "very-secret-token-123";

    private final TestingAuthFactory token = new TestingAuthFactory("token");
    private final TestingAuthFactory kubeconfig = new TestingAuthFactory("kubeconfig");
    private final TestingAuthFactory inCluster = new TestingAuthFactory("in-cluster");
    private final Map<String, Map<String, byte[]>> secrets = new HashMap<>();
    private final List<String> log = new ArrayList<>();
    private final Logger julLogger = Logger.getLogger(ClusterRegistry.class.getName());
    private final Handler handler = new Handler() {
        public void publish(LogRecord r) {
            log.add(r.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(r));
        }

        public void flush() {
        }

        public void close() {
        }
    };

    private java.util.logging.Level previousLevel;

    @BeforeEach
    void captureLog() {
        previousLevel = julLogger.getLevel();
        julLogger.setLevel(java.util.logging.Level.INFO);
        julLogger.addHandler(handler);
    }

    @AfterEach
    void releaseLog() {
        julLogger.removeHandler(handler);
        julLogger.setLevel(previousLevel);
    }

    private AuthProviderCatalog catalog() {
        Plugin plugin = new Plugin(Path.of("plugins/auth-test"), List.of("test.auth"), "1", ModuleLayer.boot(),
                List.of(token, kubeconfig, inCluster), List.of());
        return AuthProviderCatalog.of(new PluginSet(List.of(plugin), List.of()));
    }

    private ClusterRegistry build(String yaml) {
        ControllerConfig config = ControllerConfigReader.parse(yaml, "controller.yaml", Path.of("/conf"));
        SecretSource source = (ns, name) -> Optional.ofNullable(secrets.get(ns + "/" + name));
        return ClusterRegistry.build(config, catalog(), new ClusterSetup(Clock.systemUTC(), Map.of(), c -> source));
    }

    private static final String LOCAL = """
            clusters:
              in-cluster:
                auth: {type: in-cluster, server: "https://10.96.0.1:443"}
            """;

    @Test
    void logsOneLinePerClusterWithNamespaceServerAndAuthType() {
        var registry = build(LOCAL + """
                  spoke1:
                    namespace: team-a
                    auth: {type: token, server: "https://spoke1.example:6443", token: %s}
                namespace: skiff
                """.formatted(SECRET_TOKEN));
        assertThat(registry.clusters()).extracting(Cluster::logLine).containsExactly(
                "cluster=in-cluster managedNamespace=* server=10.96.0.1:443 auth=in-cluster",
                "cluster=spoke1 managedNamespace=team-a server=spoke1.example:6443 auth=token");
        assertThat(log).contains("INFO cluster=spoke1 managedNamespace=team-a server=spoke1.example:6443 auth=token");
        assertThat(registry.problems()).isEmpty();
        assertThat(String.join("\n", log)).doesNotContain(SECRET_TOKEN);
        assertThat(registry.find("spoke1").orElseThrow().toString()).doesNotContain(SECRET_TOKEN);
    }

    @Test
    void aPluginThatHandsOutATokenForAPlainHttpServerIsRefusedWhateverItsOwnChecks() {
        var registry = build(LOCAL + """
                  plain:
                    auth: {type: token, server: "http://10.0.0.9:8080", token: %s}
                  userinfo:
                    auth: {type: token, server: "https://admin:%s@10.0.0.9", token: x}
                namespace: skiff
                """.formatted(SECRET_TOKEN, SECRET_TOKEN));
        assertThat(registry.find("plain")).isEmpty();
        assertThat(registry.problems()).extracting(ClusterProblem::message).containsExactly(
                "cluster 'plain': the API server URL is plain http, which would send the bearer token unencrypted;"
                        + " use https (for a test cluster only: insecureSendCredentialsOverHttp: true)",
                "cluster 'userinfo': the API server URL must not hold user information (user:password@ before the"
                        + " host); give credentials in the auth settings instead");
        assertThat(String.join("\n", log)).doesNotContain(SECRET_TOKEN);
        assertThatThrownBy(registry::requireConfiguredClusters).hasMessageContaining("cluster 'plain'")
                .hasMessageNotContaining(SECRET_TOKEN);
    }

    @Test
    void readsEveryContextOfTheClusterSecretAndSkipsTheBadOnes() {
        secrets.put("skiff/kubeconfig", Map.of("value", """
                contexts:
                - name: spoke2
                  context: {cluster: c2, user: u2, namespace: team-b}
                - name: spoke3
                  context: {cluster: c3, user: u3}
                - name: bad
                  context: {cluster: c4, user: u4}
                - name: Not_Valid
                  context: {cluster: c5, user: u5}
                """.getBytes()));
        var registry = build(LOCAL + "namespace: skiff\n");
        assertThat(registry.clusters()).extracting(Cluster::logLine).containsExactly(
                "cluster=in-cluster managedNamespace=* server=10.96.0.1:443 auth=in-cluster",
                "cluster=spoke2 managedNamespace=team-b server=spoke2.example:6443 auth=kubeconfig",
                "cluster=spoke3 managedNamespace=* server=spoke3.example:6443 auth=kubeconfig");
        assertThat(kubeconfig.seen.get("spoke2")).isEqualTo(Map.of("context", "spoke2",
                "secret", Map.of("namespace", "skiff", "name", "kubeconfig", "key", "value")));
        assertThat(registry.problems()).extracting(ClusterProblem::name).containsExactly("Not_Valid", "bad");
        assertThat(registry.problems()).extracting(ClusterProblem::origin).containsOnly(Origin.SECRET);
        assertThat(registry.problems().get(1).message()).isEqualTo("cluster 'bad': cannot authenticate (testing)");
        assertThat(log).contains("WARNING cluster=bad skipped: cluster 'bad': cannot authenticate (testing)");
        registry.requireConfiguredClusters();
    }

    @Test
    void aSecretContextNamedLikeAConfiguredClusterIsSkipped() {
        secrets.put("skiff/kubeconfig", Map.of("value", "contexts: [{name: spoke1, context: {cluster: c}}]".getBytes()));
        var registry = build(LOCAL + """
                  spoke1:
                    auth: {type: token, server: "https://configured.example"}
                namespace: skiff
                """);
        assertThat(registry.find("spoke1").orElseThrow().credentials().server()).hasToString("https://configured.example");
        assertThat(registry.problems()).singleElement().extracting(ClusterProblem::message).isEqualTo(
                "context 'spoke1' of cluster secret skiff/kubeconfig is skipped: a cluster of that name is configured"
                        + " in controller.yaml");
    }

    @Test
    void aConfiguredClusterWithAnUnknownAuthTypeFailsStartUpListingTheKnownTypes() {
        var registry = build(LOCAL + "  spoke1:\n    auth: {type: eks, region: eu-west-1}\n");
        assertThat(registry.find("spoke1")).isEmpty();
        assertThatThrownBy(registry::requireConfiguredClusters).isInstanceOf(ConfigException.class)
                .hasMessage("cluster 'spoke1': unknown auth type 'eks'; known types: [in-cluster, kubeconfig, token]");
    }

    @Test
    void anUnknownAuthKeyIsRejectedListingTheProvidersKeys() {
        var registry = build(LOCAL + "  spoke1:\n    auth: {type: token, tokne: x}\n");
        assertThat(registry.problems()).singleElement().extracting(ClusterProblem::message).isEqualTo(
                "cluster 'spoke1': unknown auth key 'tokne' for auth type 'token'; known keys: type, context, fail,"
                        + " secret, server, token");
    }

    @Test
    void theImplicitLocalClusterMayBeUnavailableWithoutFailingStartUp() {
        var registry = build("clusters:\n  spoke1:\n    auth: {type: token, server: \"https://s.example\"}\n"
                + "workflowSources: [{cluster: spoke1}]\n");
        registry.requireConfiguredClusters();
        assertThat(registry.credentials("spoke1").orElseThrow().server()).hasToString("https://s.example");
        assertThat(registry.credentials("nope")).isEmpty();
    }

    @Test
    void aWorkflowSourceOnAClusterThatIsNotAvailableFailsStartUp() {
        var registry = build(LOCAL + "workflowSources: [{cluster: in-cluster}, {cluster: spoke9}]\n");
        assertThatThrownBy(registry::requireConfiguredClusters).isInstanceOf(ConfigException.class)
                .hasMessage("controller.yaml: workflowSources[1] names cluster 'spoke9', which is not available;"
                        + " available clusters: [in-cluster]");
    }

    @Test
    void theImplicitLocalClusterThatFailsIsAnInformationalProblem() {
        var failing = new TestingAuthFactory("in-cluster") {
            @Override
            public dev.skiff.spi.auth.ClusterAuthProvider create(dev.skiff.spi.auth.ClusterAuthConfig c,
                    dev.skiff.spi.auth.AuthContext x) {
                throw new dev.skiff.spi.auth.ClusterAuthException("not in a pod");
            }
        };
        Plugin plugin = new Plugin(Path.of("plugins/auth-test"), List.of("test.auth"), "1", ModuleLayer.boot(),
                List.of(token, failing), List.of());
        ControllerConfig config = ControllerConfigReader.parse("", "controller.yaml", Path.of("/conf"));
        var registry = ClusterRegistry.build(config, AuthProviderCatalog.of(new PluginSet(List.of(plugin), List.of())),
                new ClusterSetup(Clock.systemUTC(), Map.of(), c -> SecretSource.NONE));
        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(Origin.IMPLICIT);
            assertThat(p.message()).isEqualTo("cluster 'in-cluster': not in a pod");
        });
        // the problem itself does not fail start-up; watching workflows in a cluster that is not there does
        assertThatThrownBy(registry::requireConfiguredClusters)
                .hasMessage("controller.yaml: workflowSources[0] names cluster 'in-cluster', which is not available;"
                        + " available clusters: []");
    }
}
