package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.cluster.AccessCheck;
import dev.skiff.engine.cluster.AccessRule;
import dev.skiff.engine.cluster.ControllerAccess;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.ClusterName;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import io.kubernetes.client.openapi.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spoke manifests ({@code manifests/spoke/controller-rbac.yaml}) against a real kube-apiserver: they grant the
 * hub's group exactly what {@code skiff clusters} checks, so a hub identity with them passes, and with any one verb
 * taken away {@code skiff clusters} fails naming that verb and only it.
 */
@Testbed
class SpokeManifestsIT {

    private static final String GROUP = "skiff-hub-controller";

    @TempDir
    Path dir;

    @Test
    void theSpokeRoleGrantsExactlyWhatSkiffClustersChecksAndAMissingVerbIsNamed(
            @ClusterName("spoke1") TestbedCluster spoke) throws Exception {
        Path manifests = TestingLauncher.home().resolve("manifests");
        spoke.kubectl("apply", "-f", manifests.resolve("crds.yaml").toString());
        Path rbac = manifests.resolve("spoke/controller-rbac.yaml");
        spoke.kubectl("apply", "--dry-run=server", "-f", rbac.toString());
        spoke.kubectl("apply", "-f", rbac.toString());
        // the group binding is what an EKS access entry maps the hub's role into
        for (AccessRule rule : ControllerAccess.workflowNamespace()) {
            assertThat(spoke.kubectl("auth", "can-i", "--as=hub-role", "--as-group=" + GROUP, rule.verb(),
                    resource(rule), "-A").strip()).as(rule.describe()).isEqualTo("yes");
        }
        // the testbed's plain user stands in for the hub's identity: same ClusterRole, bound to the user
        String user = TestbedCluster.PLAIN_USER;
        spoke.kubectl("create", "clusterrolebinding", "skiff-hub-controller-it", "--clusterrole=skiff-hub-controller",
                "--user=" + user);
        try {
            Path config = config(spoke, user);
            Map<String, String> env = Map.of("HOME", dir.toString());

            TestingLauncher.Result granted = TestingLauncher.run(env, "clusters", "--config", config.toString());
            assertThat(granted.exitCode()).as(granted.stdout() + granted.stderr()).isZero();
            assertThat(granted.stdout()).contains("spoke1  all namespaces  OK");

            // with one verb taken from the role, skiff clusters fails naming it
            AccessRule first = ControllerAccess.workflowNamespace().get(0);
            applyRoleWithout(spoke, first);
            String line = Await.until("skiff clusters to see " + first.describe() + " missing", Duration.ofMinutes(1),
                    () -> {
                        TestingLauncher.Result r = TestingLauncher.run(env, "clusters", "--config", config.toString());
                        String found = r.stdout().lines().filter(l -> l.startsWith("spoke1  all namespaces"))
                                .findFirst().orElse("");
                        return r.exitCode() == 1 && found.contains("MISSING") ? Optional.of(found) : Optional.empty();
                    });
            assertThat(line).isEqualTo("spoke1  all namespaces  MISSING: " + first.describe());

            // every verb in turn: the same check (in process) names exactly that one, and nothing once it is back
            ApiClient client = spoke.apiClient(spoke.staticToken(user));
            List<AccessRule> rules = ControllerAccess.workflowNamespace();
            spoke.kubectl("apply", "-f", rbac.toString());
            Await.until("RBAC to grant everything again", Duration.ofMinutes(1), () -> AccessCheck.check(client, "",
                    rules).ok() ? Optional.of(true) : Optional.empty());
            List<String> notNamed = new ArrayList<>();
            for (AccessRule rule : rules) {
                applyRoleWithout(spoke, rule);
                List<AccessRule> missing = Await.until("RBAC to drop " + rule.describe(), Duration.ofMinutes(1),
                        () -> {
                            List<AccessRule> now = AccessCheck.check(client, "", rules).missing();
                            boolean before = now.isEmpty() || previous(rules, rule).map(p -> now.equals(List.of(p)))
                                    .orElse(false);
                            return before ? Optional.empty() : Optional.of(now);
                        });
                if (!missing.equals(List.of(rule))) {
                    notNamed.add(rule.describe() + " -> " + missing);
                }
            }
            spoke.kubectl("apply", "-f", rbac.toString());
            Await.until("RBAC to grant everything again", Duration.ofMinutes(1), () -> AccessCheck.check(client, "",
                    rules).ok() ? Optional.of(true) : Optional.empty());
            assertThat(notNamed).as("verbs whose removal skiff clusters did not name alone").isEmpty();
        } finally {
            spoke.kubectl("delete", "clusterrolebinding", "skiff-hub-controller-it");
        }
    }

    /** The rule taken away just before {@code rule} (whose removal may still show while RBAC catches up). */
    private static Optional<AccessRule> previous(List<AccessRule> rules, AccessRule rule) {
        int i = rules.indexOf(rule);
        return i == 0 ? Optional.empty() : Optional.of(rules.get(i - 1));
    }

    /** {@code pods/exec}, {@code workflows.argoproj.io}: how kubectl auth can-i names a rule's resource. */
    private static String resource(AccessRule rule) {
        return rule.resource() + (rule.group().isEmpty() ? "" : "." + rule.group())
                + (rule.subresource().isEmpty() ? "" : "/" + rule.subresource());
    }

    /** The ClusterRole with one verb fewer: the rules regrouped by resource, one rule per resource. */
    private void applyRoleWithout(TestbedCluster spoke, AccessRule removed) throws Exception {
        Map<String, List<String>> verbs = new LinkedHashMap<>();
        for (AccessRule rule : ControllerAccess.workflowNamespace()) {
            if (!rule.equals(removed)) {
                verbs.computeIfAbsent(rule.group() + "|" + rule.resource() + (rule.subresource().isEmpty() ? ""
                        : "/" + rule.subresource()), k -> new ArrayList<>()).add(rule.verb());
            }
        }
        StringBuilder yaml = new StringBuilder("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: skiff-hub-controller}
                rules:
                """);
        verbs.forEach((key, list) -> {
            String[] parts = key.split("\\|", 2);
            yaml.append("- apiGroups: [\"").append(parts[0]).append("\"]\n  resources: [\"").append(parts[1])
                    .append("\"]\n  verbs: [").append(list.stream().collect(Collectors.joining(", "))).append("]\n");
        });
        Path file = Files.writeString(dir.resolve("without.yaml"), yaml);
        spoke.kubectl("apply", "-f", file.toString());
    }

    private Path config(TestbedCluster spoke, String user) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), spoke.caCertificatePem());
        Path token = Files.writeString(dir.resolve("token"), spoke.staticToken(user));
        return Files.writeString(dir.resolve("controller.yaml"), """
                clusters:
                  spoke1:
                    auth: {type: token, server: "%s", caFile: "%s", tokenFile: "%s"}
                workflowSources:
                  - cluster: spoke1
                """.formatted(spoke.server(), ca, token));
    }
}
