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
 * grants it only {@code manifests/spoke/controller-rbac.yaml}. A Workflow created in the spoke runs there: its pod in
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
        TestingSkiffController.createNamespace(spoke, NAMESPACE);
        TestingSkiffController.prepareNamespace(spoke, NAMESPACE);
        spoke.kubectl("apply", "-f", manifests.resolve("spoke/controller-rbac.yaml").toString());
        // the emulator's access entry maps the spoke role to its own group; bind the shipped role to it
        Path binding = Files.writeString(dir.resolve("binding.yaml"), spoke.kubectl("create", "clusterrolebinding",
                "hub-spoke-it", "--clusterrole=skiff-hub-controller", "--group=" + TestingAwsEmulator.SPOKE_GROUP,
                "--dry-run=client", "-o", "yaml"));
        spoke.kubectl("apply", "-f", binding.toString());
        onlyTheSpokeRoleMayCreatePodsOrWriteWorkflows(spoke);

        Path ca = Files.writeString(dir.resolve("spoke1-ca.crt"), spoke.caCertificatePem());
        try (TestingAwsEmulator aws = TestingAwsEmulator.start(dir, POD_TOKEN, List.of(
                new TestingAwsEmulator.Cluster("spoke1", spoke.server().toString(), ca, spoke.webhookPort())))) {
            Path config = Files.writeString(dir.resolve("controller.yaml"), """
                    clusterSecret: {enabled: false}
                    namespace: default
                    clusters:
                      in-cluster:
                        auth: {type: kubeconfig, file: "%s"}
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
                    leaderElection: {enabled: false}
                    port: 0
                    executor:
                      type: pod
                      image: "%s"
                    """.formatted(hub.kubeconfig(), TestingAwsEmulator.REGION, TestingAwsEmulator.SPOKE_ROLE,
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
                String phase = Await.until("hello-spoke to end", Duration.ofMinutes(3), () -> {
                    String p = spoke.kubectl("-n", NAMESPACE, "get", "wf", "hello-spoke", "-o",
                            "jsonpath={.status.phase}").strip();
                    return List.of("Succeeded", "Failed", "Error").contains(p) ? Optional.of(p) : Optional.empty();
                });

                assertThat(phase).as(controller.stderrSoFar()).isEqualTo("Succeeded");
                assertThat(spoke.kubectl("-n", NAMESPACE, "get", "pods", "-l",
                        "workflows.argoproj.io/workflow=hello-spoke", "-o", "name").strip()).isEqualTo("pod/hello-spoke");
                assertThat(hub.kubectl("get", "pods", "-A", "-l", "workflows.argoproj.io/workflow=hello-spoke", "-o",
                        "name").strip()).as("nothing of it in the hub").isEmpty();
                assertThat(spoke.kubectl("-n", NAMESPACE, "logs", "hello-spoke", "-c", "main"))
                        .contains("hello from the spoke");
                assertThat(aws.log()).contains("webhook spoke1: authenticated " + SPOKE_USER);
                assertThat(controller.stderrSoFar()).contains("cluster=spoke1").doesNotContain(POD_TOKEN)
                        .doesNotContain("k8s-aws-v1.");
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
