package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.auth.eks.it.TestingAwsEmulator;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.ClusterName;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub-and-spoke deployment on the testbed: {@code bin/skiff controller} of the distribution, configured for the
 * hub, reaches spoke1 only through the {@code eks} plugin (the AWS emulator plays Pod Identity, STS with a
 * cross-account trust policy, EKS DescribeCluster and the spoke's token webhook with its access entry) and the spoke
 * grants it only {@code manifests/spoke/controller-rbac.yaml}; in the hub it has only {@code manifests/hub/install.yaml}'s
 * rights (its ServiceAccount's token). A Workflow created in the spoke runs there: its pod in
 * the spoke, its status in the spoke's object, every write by the spoke role's session.
 */
@Testbed
class HubSpokeIT {

    private static final String POD_TOKEN = "eyJhbGciOiJSUzI1NiJ9.hub-spoke-it-pod-identity.sig";
    private static final String SPOKE_USER = "arn:aws:sts::" + TestingAwsEmulator.SPOKE_ACCOUNT
            + ":assumed-role/skiff-spoke/skiff";
    private static final String NAMESPACE = "hub-spoke-it";

    @TempDir
    Path dir;

    @Test
    void aWorkflowCreatedInTheSpokeRunsThereAndOnlyTheSpokeRoleWritesIt(TestbedCluster hub,
            @ClusterName("spoke1") TestbedCluster spoke) throws Exception {
        Path manifests = TestingLauncher.home().resolve("manifests");
        prepareSpoke(spoke, NAMESPACE);
        onlyTheSpokeRoleMayCreatePodsOrWriteWorkflows(spoke);

        // the hub: nothing but hub/install.yaml's rights (its ServiceAccount's token, as the Deployment's pod has)
        hub.kubectl("apply", "-f", manifests.resolve("hub/install.yaml").toString());
        Path hubToken = Files.writeString(dir.resolve("hub-token"), hub.kubectl("-n", "skiff", "create", "token",
                "skiff-controller", "--duration=1h").strip());
        Path hubCa = Files.writeString(dir.resolve("hub-ca.crt"), hub.caCertificatePem());
        Path ca = Files.writeString(dir.resolve("spoke1-ca.crt"), spoke.caCertificatePem());
        try (TestingAwsEmulator aws = TestingAwsEmulator.start(dir, POD_TOKEN, List.of(
                new TestingAwsEmulator.Cluster("spoke1", spoke.server().toString(), ca, spoke.webhookPort())))) {
            Path config = Files.writeString(dir.resolve("controller.yaml"), """
                    clusterSecret: {enabled: false}
                    namespace: skiff
                    clusters:
                      in-cluster:
                        auth: {type: token, server: "%s", caFile: "%s", tokenFile: "%s"}
                      spoke1:
                        auth:
                          type: eks
                          clusterName: spoke1
                          region: %s
                          roleArn: %s
                          stsEndpoint: %s
                          eksEndpoint: %s
                    workflowSources:
                      - cluster: spoke1
                        namespaces: [%s]
                    leaderElection: {identity: hub-spoke-it}
                    port: 0
                    executor:
                      type: pod
                      image: "%s"
                    """.formatted(hub.server(), hubCa, hubToken, TestingAwsEmulator.REGION, TestingAwsEmulator.SPOKE_ROLE,
                    aws.awsEndpoint(), aws.awsEndpoint(), NAMESPACE, spoke.kubelet().orElseThrow().executorImage()));
            Map<String, String> env = new HashMap<>(aws.podIdentityEnvironment());
            env.put("HOME", dir.toString());

            TestingLauncher.Result clusters = TestingLauncher.run(env, "clusters", "--config", config.toString());
            assertThat(clusters.stdout()).as(clusters.stderr()).contains(SPOKE_USER)
                    .contains("spoke1  namespace " + NAMESPACE + "  OK");

            TestingLauncher.Running controller = TestingLauncher.start(env, "controller", "--config",
                    config.toString());
            try {
                Await.until("the controller to watch the spoke", Duration.ofMinutes(2), () -> {
                    assertThat(controller.process().isAlive()).as(controller.stderrSoFar()).isTrue();
                    return controller.stderrSoFar().contains("event=watch.listed") ? Optional.of(true)
                            : Optional.empty();
                });
                Path workflow = Files.writeString(dir.resolve("hello.yaml"), """
                        apiVersion: argoproj.io/v1alpha1
                        kind: Workflow
                        metadata: {name: hello-spoke}
                        spec:
                          entrypoint: whalesay
                          templates:
                          - name: whalesay
                            container:
                              image: docker/whalesay
                              command: [sh, -c, "echo hello from the spoke"]
                              resources:
                                limits: {memory: 32Mi, cpu: 100m}
                        """);
                spoke.kubectl("create", "-n", NAMESPACE, "-f", workflow.toString());
                String phase;
                try {
                    phase = Await.until("hello-spoke to end", Duration.ofMinutes(3), () -> {
                        String p = spoke.kubectl("-n", NAMESPACE, "get", "wf", "hello-spoke", "-o",
                                "jsonpath={.status.phase}").strip();
                        return List.of("Succeeded", "Failed", "Error").contains(p) ? Optional.of(p) : Optional.empty();
                    });
                } catch (RuntimeException e) {
                    throw new AssertionError(e.getMessage() + "; the controller's log:\n" + controller.stderrSoFar(), e);
                }

                assertThat(phase).as(controller.stderrSoFar()).isEqualTo("Succeeded");
                assertThat(spoke.kubectl("-n", NAMESPACE, "get", "pods", "-l",
                        "workflows.argoproj.io/workflow=hello-spoke", "-o", "name").strip()).isEqualTo("pod/hello-spoke");
                assertThat(hub.kubectl("get", "pods", "-A", "-l", "workflows.argoproj.io/workflow=hello-spoke", "-o",
                        "name").strip()).as("nothing of it in the hub").isEmpty();
                assertThat(spoke.kubectl("-n", NAMESPACE, "logs", "hello-spoke", "-c", "main"))
                        .contains("hello from the spoke");
                assertThat(aws.log()).contains("webhook spoke1: authenticated " + SPOKE_USER);
                assertThat(controller.stderrSoFar()).contains("cluster=spoke1").doesNotContain(POD_TOKEN)
                        .doesNotContain("k8s-aws-v1.").doesNotContainIgnoringCase("forbidden");
                assertThat(hub.kubectl("-n", "skiff", "get", "lease", "workflow-controller", "-o",
                        "jsonpath={.spec.holderIdentity}")).as("the lease, taken with the hub's rights only")
                        .isEqualTo("hub-spoke-it");
            } finally {
                controller.signal("TERM");
                TestingLauncher.Result stopped = controller.awaitExit();
                assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
            }
        } finally {
            spoke.kubectl("delete", "validatingadmissionpolicybinding", "hub-spoke-it", "--ignore-not-found");
            spoke.kubectl("delete", "validatingadmissionpolicy", "hub-spoke-it", "--ignore-not-found");
            spoke.kubectl("delete", "clusterrolebinding", "hub-spoke-it", "--ignore-not-found");
            spoke.kubectl("delete", "namespace", NAMESPACE, "--wait=false");
        }
    }

    @Test
    void aSpokeLosingItsAccessEntryLeavesTheOtherUntouchedAndItsWorkflowsGoOnWhenItIsBack(TestbedCluster hub,
            @ClusterName("spoke1") TestbedCluster spoke1, @ClusterName("spoke2") TestbedCluster spoke2)
            throws Exception {
        String namespace = "hub-spokes-it";
        for (TestbedCluster spoke : List.of(spoke1, spoke2)) {
            prepareSpoke(spoke, namespace);
        }
        var first = new TestingAwsEmulator.Cluster("spoke1", spoke1.server().toString(),
                Files.writeString(dir.resolve("spoke1-ca.crt"), spoke1.caCertificatePem()), spoke1.webhookPort());
        var second = new TestingAwsEmulator.Cluster("spoke2", spoke2.server().toString(),
                Files.writeString(dir.resolve("spoke2-ca.crt"), spoke2.caCertificatePem()), spoke2.webhookPort(),
                TestingAwsEmulator.SECOND_SPOKE_ACCOUNT);
        try (TestingAwsEmulator aws = TestingAwsEmulator.start(dir, POD_TOKEN, List.of(first, second))) {
            StringBuilder clusters = new StringBuilder();
            for (var c : List.of(first, second)) {
                clusters.append("""
                          %s:
                            auth: {type: eks, clusterName: %s, region: %s, roleArn: "%s", stsEndpoint: "%s", eksEndpoint: "%s"}
                        """.formatted(c.name(), c.name(), TestingAwsEmulator.REGION, c.spokeRole(), aws.awsEndpoint(),
                        aws.awsEndpoint()));
            }
            Path config = Files.writeString(dir.resolve("controller.yaml"), """
                    clusterSecret: {enabled: false}
                    namespace: default
                    clusters:
                      in-cluster:
                        auth: {type: kubeconfig, file: "%s"}
                    %s
                    workflowSources:
                      - {cluster: spoke1, namespaces: [%s]}
                      - {cluster: spoke2, namespaces: [%s]}
                    leaderElection: {enabled: false}
                    port: 0
                    executor: {type: pod, image: "%s"}
                    """.formatted(hub.kubeconfig(), clusters.toString().stripTrailing(), namespace, namespace,
                    spoke1.kubelet().orElseThrow().executorImage()));
            Map<String, String> env = new HashMap<>(aws.podIdentityEnvironment());
            env.put("HOME", dir.toString());
            TestingLauncher.Running controller = TestingLauncher.start(env, "controller", "--config",
                    config.toString());
            try {
                Await.until("the controller to watch both spokes", Duration.ofMinutes(2), () -> {
                    assertThat(controller.process().isAlive()).as(controller.stderrSoFar()).isTrue();
                    String log = controller.stderrSoFar();
                    return log.contains("event=watch.listed source=spoke1") && log.contains(
                            "event=watch.listed source=spoke2") ? Optional.of(true) : Optional.empty();
                });
                // spoke2's workflows start, then wait in a suspend step
                spoke2.kubectl("create", "-n", namespace, "-f", workflows(20, "held", true).toString());
                Await.until("spoke2's 20 workflows to reach their suspend step", Duration.ofMinutes(4), () ->
                        suspended(spoke2, namespace) == 20 ? Optional.of(true) : Optional.empty());

                aws.deleteAccessEntry("spoke2", second.spokeRole());
                // The API server keeps a token it accepted for a while (10 s) and open watches stay open, so the
                // loss shows once the controller makes a new request there after that: resume one workflow at a
                // time until the controller is refused (those resumed before may still finish).
                Map<String, String> admin2 = Map.of("HOME", dir.toString(), "KUBECONFIG",
                        spoke2.kubeconfig().toString());
                int resumedBefore = 0;
                boolean refused = false;
                while (!refused) {
                    assertThat(resumedBefore).as("workflows resumed before spoke2 refused the controller")
                            .isLessThan(10);
                    String name = "held-" + resumedBefore;
                    assertThat(TestingLauncher.run(admin2, "resume", name, "-n", namespace).exitCode()).isZero();
                    resumedBefore++;
                    refused = Await.until("the controller to be refused by spoke2 or " + name + " to succeed",
                            Duration.ofMinutes(2), () -> {
                                if (controller.stderrSoFar().lines().anyMatch(l -> l.contains("spoke2")
                                        && l.contains("401"))) {
                                    return Optional.of(true);
                                }
                                return spoke2.kubectl("-n", namespace, "get", "wf", name, "-o",
                                        "jsonpath={.status.phase}").strip().equals("Succeeded") ? Optional.of(false)
                                        : Optional.empty();
                            });
                }
                // the others are resumed while the hub cannot reach spoke2: they may not go on until it is back
                for (int i = resumedBefore; i < 20; i++) {
                    TestingLauncher.Result resumed = TestingLauncher.run(admin2, "resume", "held-" + i, "-n",
                            namespace);
                    assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
                }

                spoke1.kubectl("create", "-n", namespace, "-f", workflows(20, "free", false).toString());
                Await.until("spoke1's 20 workflows to succeed while spoke2 is out", Duration.ofMinutes(4), () ->
                        phases(spoke1, namespace).equals(Map.of("Succeeded", 20)) ? Optional.of(true)
                                : Optional.empty());
                Map<String, Integer> waiting = phases(spoke2, namespace);
                assertThat(waiting.keySet()).as("spoke2's workflows wait, none failed").isSubsetOf("Running",
                        "Succeeded");
                assertThat(waiting.getOrDefault("Running", 0)).as("resumed after the refusal: still waiting")
                        .isGreaterThanOrEqualTo(20 - resumedBefore);

                aws.createAccessEntry("spoke2", second.spokeRole());
                Await.until("spoke2's 20 workflows to succeed once it is back", Duration.ofMinutes(4), () ->
                        phases(spoke2, namespace).equals(Map.of("Succeeded", 20)) ? Optional.of(true)
                                : Optional.empty());
                assertThat(spoke2.kubectl("-n", namespace, "get", "pods", "-o", "name").lines().count())
                        .as("two pods per workflow, none created twice").isEqualTo(40);
                assertThat(controller.stderrSoFar()).doesNotContain(POD_TOKEN).doesNotContain("k8s-aws-v1.");
            } finally {
                controller.signal("TERM");
                TestingLauncher.Result stopped = controller.awaitExit();
                assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
            }
        } finally {
            for (TestbedCluster spoke : List.of(spoke1, spoke2)) {
                spoke.kubectl("delete", "clusterrolebinding", "hub-spoke-it", "--ignore-not-found");
                spoke.kubectl("delete", "namespace", namespace, "--wait=false");
            }
        }
    }

    /**
     * A spoke as the walkthrough leaves it: the workflow namespace with Skiff's CRDs and executor RBAC, the shipped
     * spoke ClusterRole bound to the group the emulator's access entry gives the spoke role.
     */
    private void prepareSpoke(TestbedCluster spoke, String namespace) throws Exception {
        TestingSkiffController.createNamespace(spoke, namespace);
        TestingSkiffController.prepareNamespace(spoke, namespace);
        spoke.kubectl("apply", "-f", TestingLauncher.home().resolve("manifests/spoke/controller-rbac.yaml")
                .toString());
        Path binding = Files.writeString(dir.resolve("binding-" + spoke.name() + ".yaml"), spoke.kubectl("create",
                "clusterrolebinding", "hub-spoke-it", "--clusterrole=skiff-hub-controller", "--group="
                + TestingAwsEmulator.SPOKE_GROUP, "--dry-run=client", "-o", "yaml"));
        spoke.kubectl("apply", "-f", binding.toString());
    }

    /** {@code count} workflows named {@code prefix-i}: one step, or a step, a suspend step and a step. */
    private Path workflows(int count, String prefix, boolean held) throws Exception {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < count; i++) {
            all.append((held ? """
                    apiVersion: argoproj.io/v1alpha1
                    kind: Workflow
                    metadata: {name: %s-%d}
                    spec:
                      entrypoint: main
                      templates:
                      - name: main
                        steps:
                        - - {name: before, template: say}
                        - - {name: hold, template: hold}
                        - - {name: after, template: say}
                      - name: hold
                        suspend: {}
                      - name: say
                        container: {image: alpine, command: [echo, hello]}
                    ---
                    """ : """
                    apiVersion: argoproj.io/v1alpha1
                    kind: Workflow
                    metadata: {name: %s-%d}
                    spec:
                      entrypoint: say
                      templates:
                      - name: say
                        container: {image: alpine, command: [echo, hello]}
                    ---
                    """).formatted(prefix, i));
        }
        return Files.writeString(dir.resolve(prefix + ".yaml"), all);
    }

    private static long suspended(TestbedCluster spoke, String namespace) {
        return spoke.kubectl("-n", namespace, "get", "wf", "-o",
                "jsonpath={range .items[*]}{.metadata.name}{\" \"}{.status.nodes.*.type}{\" \"}{.status.nodes.*.phase}{\"\\n\"}{end}")
                .lines().filter(l -> l.contains("Suspend")).count();
    }

    /** How many workflows of the namespace are in each phase. */
    private static Map<String, Integer> phases(TestbedCluster spoke, String namespace) {
        Map<String, Integer> count = new java.util.TreeMap<>();
        for (String phase : spoke.kubectl("-n", namespace, "get", "wf", "-o",
                "jsonpath={range .items[*]}{.status.phase}{\"\\n\"}{end}").lines().toList()) {
            count.merge(phase.isBlank() ? "(none)" : phase, 1, Integer::sum);
        }
        return count;
    }

    /**
     * A ValidatingAdmissionPolicy in the spoke: in the test's namespace, pods may be created and Workflows updated
     * only by the spoke role's session, so the workflow can only succeed if the controller used nothing else.
     */
    private void onlyTheSpokeRoleMayCreatePodsOrWriteWorkflows(TestbedCluster spoke) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: hub-spoke-it}
                spec:
                  failurePolicy: Fail
                  matchConstraints:
                    resourceRules:
                    - apiGroups: [""]
                      apiVersions: [v1]
                      operations: [CREATE]
                      resources: [pods]
                    - apiGroups: [argoproj.io]
                      apiVersions: [v1alpha1]
                      operations: [UPDATE]
                      resources: [workflows]
                  validations:
                  - expression: request.userInfo.username == "%s"
                    message: only the hub's spoke role may do this here
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: hub-spoke-it}
                spec:
                  policyName: hub-spoke-it
                  validationActions: [Deny]
                  matchResources:
                    namespaceSelector:
                      matchLabels: {kubernetes.io/metadata.name: %s}
                """.formatted(SPOKE_USER, NAMESPACE));
        spoke.kubectl("apply", "-f", policy.toString());
        // the policy is enforced once the admission plugin has loaded it: an admin pod must be refused
        Path probe = Files.writeString(dir.resolve("probe.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: admin-probe}
                spec:
                  containers: [{name: c, image: busybox}]
                """);
        Await.until("the admission policy to refuse an admin's pod", Duration.ofMinutes(1), () -> {
            try {
                spoke.kubectl("-n", NAMESPACE, "create", "--dry-run=server", "-f", probe.toString());
                return Optional.empty();
            } catch (RuntimeException e) {
                return String.valueOf(e.getMessage()).contains("only the hub's spoke role") ? Optional.of(true)
                        : Optional.empty();
            }
        });
    }
}
