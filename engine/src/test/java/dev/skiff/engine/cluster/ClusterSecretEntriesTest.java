package dev.skiff.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.config.ClusterConfig;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cluster secret's kubeconfig read for its contexts, with YAML anchors resolved as kubectl resolves them. */
class ClusterSecretEntriesTest {

    private static ClusterSecretEntries.Parsed parse(String kubeconfig) {
        return ClusterSecretEntries.parse(kubeconfig.getBytes(StandardCharsets.UTF_8), "argo", "kubeconfig", "value");
    }

    @Test
    void contextsWrittenWithAnchorsAndMergeKeysBecomeClusters() {
        ClusterSecretEntries.Parsed parsed = parse("""
                apiVersion: v1
                kind: Config
                contexts:
                - name: spoke-a
                  context: &base {cluster: spoke, user: robot, namespace: team-a}
                - name: spoke-b
                  context:
                    <<: *base
                    user: other
                - name: spoke-c
                  context: *base
                """);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.clusters()).extracting(ClusterConfig::name, ClusterConfig::managedNamespace).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spoke-a", Optional.of("team-a")),
                org.assertj.core.groups.Tuple.tuple("spoke-b", Optional.of("team-a")),
                org.assertj.core.groups.Tuple.tuple("spoke-c", Optional.of("team-a")));
    }

    @Test
    void invalidYamlIsReportedByPositionWithoutQuotingTheSecret() {
        ClusterSecretEntries.Parsed parsed = parse("users:\n- name: robot\n  user: {token: s3cr3t-token\ncontexts: [\n");
        assertThat(parsed.clusters()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> assertThat(p.toString())
                .contains("cluster secret argo/kubeconfig key 'value' is not a valid kubeconfig (YAML, line")
                .doesNotContain("s3cr3t-token"));
    }
}
