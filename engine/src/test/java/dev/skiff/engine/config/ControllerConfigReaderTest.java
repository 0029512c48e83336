package dev.skiff.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControllerConfigReaderTest {

    private static ControllerConfig parse(String yaml) {
        return ControllerConfigReader.parse(yaml, "controller.yaml", Path.of("/etc/skiff"));
    }

    @Test
    void readsClustersSecretSettingsAndWorkflowSources() {
        ControllerConfig config = parse("""
                instanceId: blue
                namespace: skiff
                clusters:
                  spoke1:
                    namespace: team-a
                    auth:
                      type: token
                      server: https://10.0.0.2:6443
                      tokenSecret: {namespace: skiff, name: spoke1, key: token}
                clusterSecret:
                  enabled: false
                workflowSources:
                  - cluster: spoke1
                    namespaces: [team-a, team-b]
                """);
        assertThat(config.instanceId()).isEqualTo("blue");
        assertThat(config.namespace()).contains("skiff");
        ClusterConfig spoke = config.clusters().get("spoke1");
        assertThat(spoke.managedNamespace()).contains("team-a");
        assertThat(spoke.origin()).isEqualTo(ClusterConfig.Origin.CONFIG);
        assertThat(spoke.auth().type()).isEqualTo("token");
        assertThat(spoke.auth().settings()).containsOnlyKeys("server", "tokenSecret")
                .containsEntry("tokenSecret", Map.of("namespace", "skiff", "name", "spoke1", "key", "token"));
        assertThat(config.clusterSecret()).isEqualTo(new ClusterSecretConfig(false, "kubeconfig", "value"));
        assertThat(config.workflowSources()).containsExactly(new WorkflowSource("spoke1", List.of("team-a", "team-b")));
        assertThat(config.directory()).isEqualTo(Path.of("/etc/skiff"));
    }

    @Test
    void theLocalClusterIsAlwaysThereAndWatchedByDefault() {
        ControllerConfig config = parse("");
        assertThat(config.clusters()).containsOnlyKeys("in-cluster");
        ClusterConfig local = config.clusters().get("in-cluster");
        assertThat(local.origin()).isEqualTo(ClusterConfig.Origin.IMPLICIT);
        assertThat(local.auth().type()).isEqualTo("in-cluster");
        assertThat(local.managedNamespace()).isEmpty();
        assertThat(config.clusterSecret()).isEqualTo(ClusterSecretConfig.DEFAULT);
        assertThat(config.workflowSources()).containsExactly(new WorkflowSource("in-cluster", List.of()));
        assertThat(config.namespace()).isEqualTo(Optional.empty());
        assertThat(config.empty()).isTrue();
    }

    @Test
    void aDocumentOfOnlyCommentsOrNullIsEmptyAndAMapIsNot() {
        assertThat(parse("# nothing yet\n").empty()).isTrue();
        assertThat(parse("~\n").empty()).isTrue();
        assertThat(parse("instanceId: blue\n").empty()).isFalse();
    }

    @Test
    void aDocumentThatIsNotAMapIsAnErrorSayingWhatItIs() {
        assertThatThrownBy(() -> parse("clusters\n")).isInstanceOf(ConfigException.class)
                .hasMessage("controller.yaml: the document is a string, but a controller config is a map of keys"
                        + " (instanceId, namespace, clusters, clusterSecret, workflowSources, workers, qps, burst, port, maxWorkflowSize, leaderElection, executor, tenants, clusterUnreachableTimeout); see conf/controller.yaml"
                        + " of the distribution");
        assertThatThrownBy(() -> parse("- cluster: hub\n")).hasMessageStartingWith(
                "controller.yaml: the document is a list, but");
        assertThatThrownBy(() -> parse("42\n")).hasMessageStartingWith("controller.yaml: the document is a number,");
    }

    @Test
    void theLocalClusterMayBeConfiguredExplicitly() {
        ControllerConfig config = parse("""
                clusters:
                  in-cluster:
                    auth: {type: kubeconfig, file: hub.yaml}
                """);
        assertThat(config.clusters().get("in-cluster").origin()).isEqualTo(ClusterConfig.Origin.CONFIG);
        assertThat(config.clusters().get("in-cluster").auth().type()).isEqualTo("kubeconfig");
    }

    @Test
    void anUnknownTopLevelKeyIsRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> parse("instanceID: x\n")).isInstanceOf(ConfigException.class)
                .hasMessage("controller.yaml: the document has unknown key 'instanceID'; known keys: instanceId,"
                        + " namespace, clusters, clusterSecret, workflowSources, workers, qps, burst, port,"
                        + " maxWorkflowSize, leaderElection, executor, tenants, clusterUnreachableTimeout");
    }

    @Test
    void anUnknownClusterKeyIsRejectedWithItsPath() {
        assertThatThrownBy(() -> parse("clusters:\n  spoke1:\n    namespaces: a\n    auth: {type: token}\n"))
                .hasMessage("controller.yaml: clusters.spoke1 has unknown key 'namespaces'; known keys: namespace, auth");
    }

    @Test
    void aClusterWithoutAuthTypeIsRejected() {
        assertThatThrownBy(() -> parse("clusters:\n  spoke1:\n    auth: {server: x}\n"))
                .hasMessageStartingWith("controller.yaml: clusters.spoke1.auth needs 'type'");
        assertThatThrownBy(() -> parse("clusters:\n  spoke1:\n    namespace: a\n"))
                .hasMessageStartingWith("controller.yaml: clusters.spoke1 has no 'auth' block");
    }

    @Test
    void anInvalidClusterNameIsRejected() {
        assertThatThrownBy(() -> parse("clusters:\n  Spoke_1:\n    auth: {type: token}\n"))
                .hasMessageContaining("cluster name 'Spoke_1', which is not a valid name");
    }

    @Test
    void wrongTypesAreNamed() {
        assertThatThrownBy(() -> parse("clusterSecret: {enabled: yes-please}\n"))
                .hasMessage("controller.yaml: clusterSecret.enabled must be true or false");
        assertThatThrownBy(() -> parse("workflowSources: {cluster: x}\n"))
                .hasMessage("controller.yaml: workflowSources must be a list");
        assertThatThrownBy(() -> parse("workflowSources: [{cluster: x, namespaces: [\"\"]}]\n"))
                .hasMessage("controller.yaml: workflowSources[0].namespaces[0] must be a non-empty string");
    }

    @Test
    void invalidYamlGivesThePositionButNeverTheText() {
        assertThatThrownBy(() -> parse("clusters:\n  a:\n    auth: {type: token, token: sekrit-tok\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("controller.yaml is not valid YAML at line")
                .hasMessageNotContaining("sekrit-tok");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> parse("clusters:\n  a:\n    auth: {type: token}\n  a:\n    auth: {type: token}\n"))
                .hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void toStringOfAuthShowsKeysOnly() {
        ControllerConfig config = parse("clusters:\n  a:\n    auth: {type: token, token: sekrit-tok}\n");
        assertThat(config.toString()).doesNotContain("sekrit-tok").contains("keys=[token]");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ControllerConfigReader.read(Path.of("/nonexistent/controller.yaml")))
                .hasMessageStartingWith("cannot read config file /nonexistent/controller.yaml: NoSuchFileException");
    }

    @Test
    void theShippedExampleConfigIsValid() {
        Path shipped = Path.of("../dist/src/main/skiff/conf/controller.yaml");
        ControllerConfig config = ControllerConfigReader.read(shipped);
        assertThat(config.clusters()).containsOnlyKeys("in-cluster");
        assertThat(config.clusterSecret()).isEqualTo(ClusterSecretConfig.DEFAULT);
        assertThat(config.workflowSources()).containsExactly(new WorkflowSource("in-cluster", List.of()));
    }

    @Test
    void anchorsAndMergeKeysAreResolvedAsKubectlResolvesThem() {
        ControllerConfig config = parse("""
                clusters:
                  spoke1:
                    namespace: team-a
                    auth: &token
                      type: token
                      server: https://10.0.0.2:6443
                      tokenSecret: {namespace: skiff, name: spoke, key: token}
                  spoke2:
                    auth:
                      <<: *token
                      server: https://10.0.0.3:6443
                workflowSources:
                  - cluster: spoke1
                    namespaces: &teams [team-a, team-b]
                  - cluster: spoke2
                    namespaces: *teams
                """);
        assertThat(config.clusters().get("spoke2").auth().type()).isEqualTo("token");
        assertThat(config.clusters().get("spoke2").auth().settings())
                .containsEntry("server", "https://10.0.0.3:6443")
                .containsEntry("tokenSecret", Map.of("namespace", "skiff", "name", "spoke", "key", "token"));
        assertThat(config.workflowSources()).containsExactly(new WorkflowSource("spoke1", List.of("team-a", "team-b")),
                new WorkflowSource("spoke2", List.of("team-a", "team-b")));
    }

    @Test
    void anAliasToAnUnknownAnchorNamesItButQuotesNoValue() {
        assertThatThrownBy(() -> parse("clusters:\n  a:\n    auth: {type: token, token: s3cr3t-value}\n"
                + "  b:\n    auth: *nope\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("controller.yaml is not valid YAML at line 5")
                .hasMessageContaining("unknown anchor 'nope'")
                .message().doesNotContain("s3cr3t-value");
    }

    @Test
    void controllerSettingsDefaultToArgosAndThePodExecutor() {
        ControllerSettings settings = parse("").settings();
        assertThat(settings.workers()).isEqualTo(32);
        assertThat(settings.qps()).isEqualTo(20);
        assertThat(settings.burst()).isEqualTo(30);
        assertThat(settings.port()).isEqualTo(9090);
        assertThat(settings.maxWorkflowSize()).isEqualTo(1024 * 1024);
        LeaderElectionConfig election = settings.leaderElection();
        assertThat(election.enabled()).isTrue();
        assertThat(election.leaseName()).isEmpty();
        assertThat(election.leaseDuration()).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(election.renewDeadline()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(election.retryPeriod()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(settings.executor()).isEqualTo(ExecutorConfig.DEFAULT);
        assertThat(settings.clusterUnreachableTimeout()).isEqualTo(java.time.Duration.ofMinutes(5));
    }

    @Test
    void clusterUnreachableTimeoutIsADurationAbove0() {
        assertThat(parse("clusterUnreachableTimeout: 10s").settings().clusterUnreachableTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(10));
        assertThatThrownBy(() -> parse("clusterUnreachableTimeout: 0s")).hasMessageContaining(
                "clusterUnreachableTimeout").hasMessageContaining("must be longer than 0");
        assertThatThrownBy(() -> parse("clusterUnreachableTimeout: soon")).hasMessageContaining(
                "clusterUnreachableTimeout").hasMessageContaining("must be a duration");
    }

    @Test
    void readsControllerSettingsLeaderElectionAndTheExecutorWithItsKeysAsStrings() {
        ControllerSettings settings = parse("""
                workers: 8
                qps: 50.5
                burst: 70
                port: 0
                maxWorkflowSize: 2097152
                leaderElection: {enabled: false, leaseName: skiff, leaseNamespace: ops, leaseDuration: 30s,
                                 renewDeadline: 20s, retryPeriod: 500ms, identity: replica-1}
                executor: {type: pod, image: "quay.io/argoproj/argoexec:v4.0.5", qps: 40, ownerReferences: true}
                """).settings();
        assertThat(settings.workers()).isEqualTo(8);
        assertThat(settings.qps()).isEqualTo(50.5);
        assertThat(settings.burst()).isEqualTo(70);
        assertThat(settings.port()).isZero();
        assertThat(settings.maxWorkflowSize()).isEqualTo(2097152);
        assertThat(settings.leaderElection()).isEqualTo(new LeaderElectionConfig(false, Optional.of("skiff"),
                Optional.of("ops"), java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(20),
                java.time.Duration.ofMillis(500), Optional.of("replica-1")));
        assertThat(settings.executor().type()).isEqualTo("pod");
        assertThat(settings.executor().settings()).containsExactly(Map.entry("image",
                "quay.io/argoproj/argoexec:v4.0.5"), Map.entry("qps", "40"), Map.entry("ownerReferences", "true"));
        assertThat(settings.executor().toString()).doesNotContain("argoexec");
    }

    @Test
    void badControllerSettingsAreRejectedNamingTheKey() {
        assertThatThrownBy(() -> parse("workers: 0\n")).isInstanceOf(ConfigException.class)
                .hasMessage("controller.yaml: workers must be a whole number from 1 to 1024");
        assertThatThrownBy(() -> parse("qps: -1\n")).hasMessage("controller.yaml: qps must be a number above 0");
        assertThatThrownBy(() -> parse("qps: 40\nburst: 30\n")).hasMessage("controller.yaml: burst must be at least qps");
        assertThatThrownBy(() -> parse("leaderElection: {leaseDuration: 15}\n"))
                .hasMessage("controller.yaml: leaderElection.leaseDuration must be a duration such as 15s, 500ms, 2m or 1h");
        assertThatThrownBy(() -> parse("leaderElection: {renewDeadline: 20s}\n"))
                .hasMessage("controller.yaml: leaderElection.renewDeadline must be shorter than leaseDuration");
        assertThatThrownBy(() -> parse("leaderElection: {lease: x}\n"))
                .hasMessageContaining("leaderElection has unknown key 'lease'; known keys: enabled, leaseName");
        assertThatThrownBy(() -> parse("executor: {image: x}\n"))
                .hasMessage("controller.yaml: executor needs 'type', the step executor's name (such as pod)");
        assertThatThrownBy(() -> parse("executor: {type: pod, resources: {cpu: 1}}\n"))
                .hasMessage("controller.yaml: executor.resources must be a string, number or true/false");
    }

    @Test
    void tenantsDefaultToTheKubeconfigSecretAndNoControllerCredentialsElsewhere() {
        ControllerConfig none = ControllerConfigReader.parse("workers: 2\n", "c.yaml", java.nio.file.Path.of("."));
        org.assertj.core.api.Assertions.assertThat(none.tenants()).isEqualTo(TenantConfig.DEFAULT);
        ControllerConfig set = ControllerConfigReader.parse("""
                tenants: {secretName: tenant-kubeconfig, key: config, controllerCredentialsElsewhere: true}
                """, "c.yaml", java.nio.file.Path.of("."));
        org.assertj.core.api.Assertions.assertThat(set.tenants())
                .isEqualTo(new TenantConfig("tenant-kubeconfig", "config", true));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ControllerConfigReader.parse(
                "tenants: {secret: x}\n", "c.yaml", java.nio.file.Path.of("."))).hasMessageContaining("secret");
    }
}
