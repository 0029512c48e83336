package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.auth.eks.it.TestingAwsEmulator;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.ClusterName;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's own credentials for a spoke end while a workflow runs there, and it carries on with no refused
 * request and no failed step: an EKS role session and the tokens it signed (the AWS emulator's sessions last 20 s),
 * and a ServiceAccount token file that is rotated, its old token revoked. {@code bin/skiff controller} of the
 * distribution, configured as a hub whose workflow source is spoke1; the workflow waits in suspend steps that the
 * test resumes only once the credential in use has ended, so each later step needs a new one.
 */
@Testbed
class SpokeCredentialsExpiryIT {

    private static final String POD_TOKEN = "eyJhbGciOiJSUzI1NiJ9.expiry-it-pod-identity.sig";
    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void eksSessionsAndTokensEndingMidRunAreRenewedAheadWithNoRefusedTokenAndNoFailedStep(TestbedCluster hub,
            @ClusterName("spoke1") TestbedCluster spoke) throws Exception {
        String namespace = "eks-expiry-it";
        Duration session = Duration.ofSeconds(20);
        int holds = 3;
        prepareSpoke(spoke, namespace, "--group=" + TestingAwsEmulator.SPOKE_GROUP);
        var cluster = new TestingAwsEmulator.Cluster("spoke1", spoke.server().toString(),
                Files.writeString(dir.resolve("spoke1-ca.crt"), spoke.caCertificatePem()), spoke.webhookPort());
        try (TestingAwsEmulator aws = TestingAwsEmulator.start(dir, POD_TOKEN, List.of(cluster), session)) {
            String auth = "{type: eks, clusterName: spoke1, region: %s, roleArn: \"%s\", stsEndpoint: \"%s\", eksEndpoint: \"%s\"}"
                    .formatted(TestingAwsEmulator.REGION, cluster.spokeRole(), aws.awsEndpoint(), aws.awsEndpoint());
            Map<String, String> env = new HashMap<>(aws.podIdentityEnvironment());
            env.put("HOME", dir.toString());
            Instant started = Instant.now();
            long failuresBefore = authenticationFailures(spoke);
            TestingLauncher.Running controller = startController(hub, spoke, namespace, auth, env);
            try {
                spoke.kubectl("create", "-n", namespace, "-f", heldWorkflow("expiry", holds).toString());
                for (int i = 1; i <= holds; i++) {
                    awaitHold(spoke, namespace, "expiry", i);
                    Instant end = sessions(aws).getLast().at().orElseThrow();
                    Await.until("the session the controller uses to end", session.multipliedBy(3), () ->
                            Instant.now().isAfter(end) ? Optional.of(true) : Optional.empty());
                    resume(spoke, namespace, "expiry");
                }
                assertEveryStepSucceeded(spoke, namespace, "expiry", controller);
                Duration run = Duration.between(started, Instant.now());

                List<TestingAwsEmulator.Event> reviews = aws.events().stream().filter(e -> e.kind().equals("review"))
                        .toList();
                List<TestingAwsEmulator.Event> sessions = sessions(aws);
                long tokens = reviews.stream().map(e -> e.accessKeyId() + "@" + e.at().orElseThrow()).distinct().count();
                long failures = authenticationFailures(spoke) - failuresBefore;
                System.out.printf("SpokeCredentialsExpiryIT eks: session %d s, run %d s, %d AssumeRole sessions,"
                        + " %d tokens, %d token reviews, %d refused, %d requests spoke1 could not authenticate%n",
                        session.toSeconds(), run.toSeconds(), sessions.size(), tokens, reviews.size(),
                        reviews.stream().filter(e -> !e.authenticated()).count(), failures);
                assertThat(reviews).as("the spoke refused no token").isNotEmpty()
                        .allMatch(TestingAwsEmulator.Event::authenticated);
                assertThat(failures).as("requests spoke1 could not authenticate").isZero();
                assertThat(sessions).as("a new session after each one ended").hasSizeGreaterThan(holds);
                // A token lives until its session's end at most and is renewed with it: one token per session, none
                // signed per request (each new token is reviewed once).
                assertThat(tokens).as("tokens, one per session: %s %s", sessions, reviews)
                        .isLessThanOrEqualTo(sessions.size()).isGreaterThanOrEqualTo(sessions.size() - 1);
                assertThat(controller.stderrSoFar()).doesNotContain("401").doesNotContain("Unauthorized")
                        .doesNotContain(POD_TOKEN).doesNotContain("k8s-aws-v1.");
            } finally {
                stop(controller);
            }
        } finally {
            cleanUp(spoke, namespace);
        }
    }

    @Test
    void aServiceAccountTokenFileRotatedAndItsOldTokenRevokedMidRunIsReadAgainWithNoRefusedRequest(
            TestbedCluster hub, @ClusterName("spoke1") TestbedCluster spoke) throws Exception {
        String namespace = "sa-expiry-it";
        int holds = 2;
        prepareSpoke(spoke, namespace, "--serviceaccount=" + namespace + ":skiff-hub");
        spoke.kubectl("create", "serviceaccount", "skiff-hub", "-n", namespace);
        Path tokenFile = dir.resolve("spoke1-token");
        String current = boundToken(spoke, namespace, "token-0");
        Files.writeString(tokenFile, current);
        String auth = "{type: token, server: \"%s\", caFile: \"%s\", tokenFile: \"%s\"}".formatted(spoke.server(),
                Files.writeString(dir.resolve("spoke1-ca.crt"), spoke.caCertificatePem()), tokenFile);
        long failuresBefore = authenticationFailures(spoke);
        long probesRefused = 0;
        TestingLauncher.Running controller = startController(hub, spoke, namespace, auth, Map.of("HOME",
                dir.toString()));
        try {
            spoke.kubectl("create", "-n", namespace, "-f", heldWorkflow("rotation", holds).toString());
            for (int i = 1; i <= holds; i++) {
                awaitHold(spoke, namespace, "rotation", i);
                // as the kubelet rotates a projected token: a new file renamed over the old one
                String next = boundToken(spoke, namespace, "token-" + i);
                Path written = Files.writeString(dir.resolve("spoke1-token.new"), next);
                Files.move(written, tokenFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                spoke.kubectl("delete", "secret", "token-" + (i - 1), "-n", namespace);
                String revoked = current;
                Await.until("spoke1 to refuse the revoked token", WAIT, () -> {
                    try {
                        new io.kubernetes.client.openapi.apis.VersionApi(spoke.apiClient(revoked)).getCode().execute();
                        return Optional.empty();
                    } catch (io.kubernetes.client.openapi.ApiException e) {
                        return e.getCode() == 401 ? Optional.of(true) : Optional.empty();
                    }
                });
                probesRefused++;
                current = next;
                resume(spoke, namespace, "rotation");
            }
            assertEveryStepSucceeded(spoke, namespace, "rotation", controller);
            long failures = authenticationFailures(spoke) - failuresBefore - probesRefused;
            System.out.printf("SpokeCredentialsExpiryIT token file: %d rotations, %d refused requests of the"
                    + " controller%n", holds, failures);
            assertThat(failures).as("requests spoke1 refused other than the test's probes of revoked tokens")
                    .isZero();
            assertThat(controller.stderrSoFar()).doesNotContain("401").doesNotContain("Unauthorized")
                    .doesNotContain(current);
        } finally {
            stop(controller);
            cleanUp(spoke, namespace);
        }
    }

    /** A token of {@code skiff-hub} bound to a new Secret {@code secret}: deleting the Secret revokes it. */
    private static String boundToken(TestbedCluster spoke, String namespace, String secret) {
        spoke.kubectl("create", "secret", "generic", secret, "-n", namespace);
        return spoke.kubectl("create", "token", "skiff-hub", "-n", namespace, "--bound-object-kind=Secret",
                "--bound-object-name=" + secret, "--duration=1h").strip();
    }

    /**
     * The API server's count of requests it could not authenticate ({@code authentication_attempts} with result
     * {@code failure} or {@code error}: a token no authenticator accepts ends at the token webhook, which is not
     * listening during this test).
     */
    private static long authenticationFailures(TestbedCluster cluster) {
        return cluster.kubectl("get", "--raw", "/metrics").lines()
                .filter(l -> l.startsWith("authentication_attempts{") && !l.contains("result=\"success\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private TestingLauncher.Running startController(TestbedCluster hub, TestbedCluster spoke, String namespace,
            String spokeAuth, Map<String, String> env) throws Exception {
        Path config = Files.writeString(dir.resolve("controller.yaml"), """
                clusterSecret: {enabled: false}
                namespace: default
                clusters:
                  in-cluster:
                    auth: {type: kubeconfig, file: "%s"}
                  spoke1:
                    auth: %s
                workflowSources:
                  - {cluster: spoke1, namespaces: [%s]}
                leaderElection: {enabled: false}
                port: 0
                executor: {type: pod, image: "%s"}
                """.formatted(hub.kubeconfig(), spokeAuth, namespace, spoke.kubelet().orElseThrow().executorImage()));
        TestingLauncher.Running controller = TestingLauncher.start(env, "controller", "--config", config.toString());
        Await.until("the controller to watch the spoke", WAIT, () -> {
            assertThat(controller.process().isAlive()).as(controller.stderrSoFar()).isTrue();
            return controller.stderrSoFar().contains("event=watch.listed source=spoke1") ? Optional.of(true)
                    : Optional.empty();
        });
        return controller;
    }

    private static void stop(TestingLauncher.Running controller) throws Exception {
        controller.signal("TERM");
        TestingLauncher.Result stopped = controller.awaitExit();
        assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
    }

    /** The namespace with Skiff's CRDs and executor RBAC, the shipped spoke ClusterRole bound to {@code subject}. */
    private void prepareSpoke(TestbedCluster spoke, String namespace, String subject) throws Exception {
        TestingSkiffController.createNamespace(spoke, namespace);
        TestingSkiffController.prepareNamespace(spoke, namespace);
        spoke.kubectl("apply", "-f", TestingLauncher.home().resolve("manifests/spoke/controller-rbac.yaml")
                .toString());
        Path binding = Files.writeString(dir.resolve("binding-" + namespace + ".yaml"), spoke.kubectl("create",
                "clusterrolebinding", namespace, "--clusterrole=skiff-hub-controller", subject, "--dry-run=client",
                "-o", "yaml"));
        spoke.kubectl("apply", "-f", binding.toString());
    }

    private static void cleanUp(TestbedCluster spoke, String namespace) {
        spoke.kubectl("delete", "clusterrolebinding", namespace, "--ignore-not-found");
        spoke.kubectl("delete", "namespace", namespace, "--wait=false");
    }

    private void resume(TestbedCluster spoke, String namespace, String workflow) throws Exception {
        TestingLauncher.Result resumed = TestingLauncher.run(Map.of("HOME", dir.toString(), "KUBECONFIG",
                spoke.kubeconfig().toString()), "resume", workflow, "-n", namespace);
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
    }

    private static void awaitHold(TestbedCluster spoke, String namespace, String workflow, int i) {
        String hold = "hold-" + i;
        Await.until(workflow + " to wait in " + hold, WAIT, () -> spoke.kubectl("-n", namespace, "get", "wf",
                workflow, "-o", "jsonpath={range .status.nodes.*}{.displayName}{\" \"}{.phase}{\"\\n\"}{end}")
                .lines().anyMatch(l -> l.equals(hold + " Running")) ? Optional.of(true) : Optional.empty());
    }

    private static void assertEveryStepSucceeded(TestbedCluster spoke, String namespace, String workflow,
            TestingLauncher.Running controller) throws Exception {
        String phase;
        try {
            phase = Await.until(workflow + " to end", WAIT, () -> {
                String p = spoke.kubectl("-n", namespace, "get", "wf", workflow, "-o", "jsonpath={.status.phase}")
                        .strip();
                return List.of("Succeeded", "Failed", "Error").contains(p) ? Optional.of(p) : Optional.empty();
            });
        } catch (RuntimeException e) {
            throw new AssertionError(e.getMessage() + "; the controller's log:\n" + controller.stderrSoFar(), e);
        }
        assertThat(phase).as(controller.stderrSoFar()).isEqualTo("Succeeded");
        assertThat(spoke.kubectl("-n", namespace, "get", "wf", workflow, "-o",
                "jsonpath={range .status.nodes.*}{.phase}{\"\\n\"}{end}").lines().distinct())
                .as("no step failed").containsExactly("Succeeded");
    }

    private static List<TestingAwsEmulator.Event> sessions(TestingAwsEmulator aws) throws Exception {
        return aws.events().stream().filter(e -> e.kind().equals("assume-role")).toList();
    }

    /** Steps alternating a pod step and a suspend step {@code hold-i}, {@code holds} times. */
    private Path heldWorkflow(String name, int holds) throws Exception {
        StringBuilder steps = new StringBuilder("    - - {name: say-0, template: say}\n");
        for (int i = 1; i <= holds; i++) {
            steps.append("    - - {name: hold-%d, template: hold}\n    - - {name: say-%d, template: say}\n"
                    .formatted(i, i));
        }
        return Files.writeString(dir.resolve(name + ".yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: %s}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    steps:
                %s  - name: hold
                    suspend: {}
                  - name: say
                    container: {image: alpine, command: [echo, hello]}
                """.formatted(name, steps));
    }
}
