package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.ClusterName;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps in other namespaces and clusters (issue 10) with {@code bin/skiff controller}, the real pod executor and
 * argoexec on the testbed's hub, spoke1 and spoke2: the controller runs in namespace {@code argo} of the hub with the
 * Argo-style {@code kubeconfig} cluster secret (contexts {@code cluster-1} = spoke1 restricted to {@code remote},
 * {@code cluster-2} = spoke2), workflows live in the hub's {@code local}, whose tenant {@code kubeconfig} secret holds
 * the tenant's ServiceAccount tokens: {@code remote} in spoke1/remote and spoke2/remote2 and {@code runner} in the
 * hub's {@code shared}, each allowed only to create pods. One controller serves the class.
 */
@Testbed
class ControllerMultiClusterIT {

    static final Duration WAIT = Duration.ofMinutes(3);
    private static final String TENANT_USER = "system:serviceaccount:remote:remote";

    @TempDir
    static Path shared;

    private static TestingControllerProcess controller;
    private static TestbedCluster hub;
    private static TestbedCluster spoke1;
    private static TestbedCluster spoke2;
    private static Map<String, String> env;

    @BeforeAll
    static void setUp(TestbedCluster hubCluster, @ClusterName("spoke1") TestbedCluster spoke1Cluster,
                      @ClusterName("spoke2") TestbedCluster spoke2Cluster) throws Exception {
        hub = hubCluster;
        spoke1 = spoke1Cluster;
        spoke2 = spoke2Cluster;
        for (TestbedCluster c : List.of(hub, spoke1, spoke2)) {
            TestingControllerSetup.installCrds(c);
        }
        for (String ns : List.of("argo", "local", "team-b", "shared", "rotating")) {
            hub.kubectl("create", "namespace", ns);
        }
        spoke1.kubectl("create", "namespace", "remote");
        spoke1.kubectl("create", "namespace", "other");
        spoke2.kubectl("create", "namespace", "remote2");
        TestingControllerSetup.allowSteps(hub, "local");
        TestingControllerSetup.allowSteps(hub, "shared");
        TestingControllerSetup.allowSteps(spoke1, "remote");
        TestingControllerSetup.allowSteps(spoke2, "remote2");
        String remoteToken = tenant(spoke1, "remote", "remote");
        String remote2Token = tenant(spoke2, "remote2", "remote");
        String sharedToken = tenant(hub, "shared", "runner");
        onlyTheTenantCreatesPods(spoke1);

        // The controller's cluster secret: one context per cluster, named like it (Argo's design).
        Path clusterSecret = Files.writeString(shared.resolve("clusters.yaml"), """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: spoke1, cluster: {server: "%s", certificate-authority-data: %s}}
                - {name: spoke2, cluster: {server: "%s", certificate-authority-data: %s}}
                users:
                - {name: admin1, user: {token: %s}}
                - {name: admin2, user: {token: %s}}
                contexts:
                - {name: cluster-1, context: {cluster: spoke1, user: admin1, namespace: remote}}
                - {name: cluster-2, context: {cluster: spoke2, user: admin2}}
                """.formatted(spoke1.server(), ca(spoke1), spoke2.server(), ca(spoke2),
                spoke1.staticToken(TestbedCluster.ADMIN_USER), spoke2.staticToken(TestbedCluster.ADMIN_USER)));
        hub.kubectl("create", "secret", "generic", "kubeconfig", "-n", "argo", "--from-file=value=" + clusterSecret);
        // The tenant's secret in its workflow namespace: users only, the contexts naming the controller's clusters.
        Path tenantSecret = Files.writeString(shared.resolve("tenant.yaml"), """
                apiVersion: v1
                kind: Config
                users:
                - {name: remote, user: {token: %s}}
                - {name: remote2, user: {token: %s}}
                - {name: runner, user: {token: %s}}
                contexts:
                - {name: spoke1, context: {cluster: cluster-1, namespace: remote, user: remote}}
                - {name: spoke1-any, context: {cluster: cluster-1, user: remote}}
                - {name: spoke2, context: {cluster: cluster-2, namespace: remote2, user: remote2}}
                - {name: hub-shared, context: {cluster: in-cluster, namespace: shared, user: runner}}
                """.formatted(remoteToken, remote2Token, sharedToken));
        hub.kubectl("create", "secret", "generic", "kubeconfig", "-n", "local", "--from-file=value=" + tenantSecret);
        Files.delete(clusterSecret);
        Files.delete(tenantSecret);
        controller = TestingControllerProcess.start(hub, shared.resolve("controller"), TestingControllerProcess
                .Options.plain().withNamespace("argo").withClusterSecret().watching("local", "team-b", "argo", "rotating"));
        env = Map.of("KUBECONFIG", hub.kubeconfig().toString(), "HOME", shared.toString());
    }

    @AfterAll
    static void stopController() throws Exception {
        if (controller != null) {
            controller.close();
            String log = controller.log();
            String keep = System.getProperty("skiff.test.controllerLog", "");
            if (!keep.isEmpty()) {
                Files.writeString(Path.of(keep), log);
            }
            assertThat(log.lines().filter(l -> l.startsWith("\tat ") || l.contains("Exception")
                    || l.contains("event=workflow.sync.error")))
                    .as("no stack traces or errors in the controller's log:%n%s", log).isEmpty();
            for (TestbedCluster c : List.of(spoke1, spoke2)) {
                assertThat(log).doesNotContain(c.staticToken(TestbedCluster.ADMIN_USER));
            }
        }
    }

    /** A ServiceAccount that may only create pods in the namespace; its token. */
    private static String tenant(TestbedCluster cluster, String namespace, String account) {
        cluster.kubectl("create", "serviceaccount", account, "-n", namespace);
        cluster.kubectl("create", "role", "create-pods", "-n", namespace, "--verb=create", "--resource=pods");
        cluster.kubectl("create", "rolebinding", "create-pods", "-n", namespace, "--role=create-pods",
                "--serviceaccount=" + namespace + ":" + account);
        return cluster.kubectl("create", "token", account, "-n", namespace, "--duration=2h").strip();
    }

    /**
     * A ValidatingAdmissionPolicy on spoke1: pods in {@code remote} may only be created by the tenant's
     * ServiceAccount, so a pod there proves who created it (the admin, the controller's identity, is refused).
     */
    private static void onlyTheTenantCreatesPods(TestbedCluster cluster) throws Exception {
        Path policy = Files.writeString(shared.resolve("policy.yaml"), """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: only-tenant-creates-pods}
                spec:
                  failurePolicy: Fail
                  matchConstraints:
                    namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: remote}}
                    resourceRules:
                    - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
                  validations:
                  - expression: "request.userInfo.username == '%s'"
                    message: only the tenant creates pods here
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: only-tenant-creates-pods}
                spec: {policyName: only-tenant-creates-pods, validationActions: [Deny]}
                """.formatted(TENANT_USER));
        cluster.kubectl("apply", "-f", policy.toString());
        Await.until("the admission policy to refuse the admin's pods in spoke1/remote", WAIT, () -> {
            try {
                cluster.kubectl("run", "probe", "-n", "remote", "--image=alpine", "--dry-run=server");
                return Optional.empty();
            } catch (RuntimeException e) {
                return e.getMessage().contains("only the tenant creates pods here") ? Optional.of(true)
                        : Optional.empty();
            }
        });
    }

    private static String ca(TestbedCluster cluster) {
        return Base64.getEncoder().encodeToString(cluster.caCertificatePem().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode submit(String namespace, String yaml, String... extra) throws Exception {
        Path file = Files.writeString(Files.createTempFile(shared, "wf-", ".yaml"), yaml);
        List<String> args = new ArrayList<>(List.of("submit", file.toString(), "-n", namespace, "--wait", "-o",
                "json"));
        args.addAll(List.of(extra));
        var result = TestingLauncher.run(env, args.toArray(String[]::new));
        assertThat(result.stdout()).as(result.stderr()).isNotBlank();
        return TestingControllerSetup.read(result.stdout());
    }

    private static JsonNode node(JsonNode wf, String displayName) {
        for (JsonNode n : wf.path("status").path("nodes")) {
            if (n.path("displayName").asText().equals(displayName)) {
                return n;
            }
        }
        throw new AssertionError("no node " + displayName + " in " + wf.path("status").toPrettyString());
    }

    private static final String SEED = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: whalesay
            spec:
              entrypoint: whalesay
              templates:
              - name: whalesay
                cluster: cluster-1
                namespace: remote
                container:
                  image: docker/whalesay
                  command: [echo]
                  args: ["hello from spoke1"]
            """;

    @Test
    void theSeedWalkthroughRunsThePodInSpoke1WithTheTenantsUserAndItsTaskResultOutlivesAGarbageCollection()
            throws Exception {
        String log = controller.log();
        assertThat(log).contains("cluster=cluster-1 managedNamespace=remote server=" + spoke1.server().getHost()
                + ":" + spoke1.server().getPort() + " auth=kubeconfig");
        assertThat(log).contains("cluster=cluster-2 managedNamespace=* ");
        assertThat(log).contains("cluster=in-cluster managedNamespace=* ");

        try (TestingKubeWatch pods = TestingKubeWatch.pods(spoke1.apiClient(), "remote");
             TestingKubeWatch results = TestingKubeWatch.taskResults(spoke1.apiClient(), "remote");
             TestingKubeWatch hubPods = TestingKubeWatch.pods(hub.apiClient(), "local")) {
            JsonNode wf = submit("local", SEED);

            assertThat(wf.path("status").path("phase").asText()).as(wf.path("status").toPrettyString())
                    .isEqualTo("Succeeded");
            // (Other tests of the class run pods there too: only this workflow's count.)
            List<String> mine = pods.names().stream().filter(n -> n.startsWith("whalesay")).toList();
            assertThat(mine).hasSize(1);
            assertThat(hubPods.names()).noneMatch(n -> n.startsWith("whalesay"));
            String podName = mine.getFirst();
            JsonNode pod = pods.get(podName).orElseThrow();
            // The admission policy refuses every creator but the tenant's ServiceAccount: the pod exists, so it
            // created it. Its owner is the anchor Workflow there, which names the real one by labels.
            JsonNode labels = pod.path("metadata").path("labels");
            assertThat(labels.path("skiff.dev/owner-namespace").asText()).isEqualTo("local");
            assertThat(labels.path("skiff.dev/owner-name").asText()).isEqualTo("whalesay");
            JsonNode anchor = TestingControllerSetup.read(spoke1.kubectl("get", "workflow", "whalesay", "-n",
                    "remote", "-o", "json"));
            assertThat(pod.path("metadata").path("ownerReferences").get(0).path("uid").asText())
                    .isEqualTo(anchor.path("metadata").path("uid").asText());
            assertThat(anchor.path("metadata").path("labels").path("workflows.argoproj.io/controller-instanceid")
                    .asText()).isEqualTo("skiff-anchor");
            assertThat(spoke1.kubectl("logs", podName, "-n", "remote", "-c", "main")).contains("hello from spoke1");

            // A control object whose owner does not exist: once the garbage collector deleted it, it has looked at
            // the namespace; the task result (owned by the anchor) is still there.
            assertThat(results.all().keySet()).filteredOn(n -> n.startsWith("whalesay")).hasSize(1);
            spoke1.kubectl("create", "configmap", "gc-probe", "-n", "remote");
            String probeUid = spoke1.kubectl("get", "configmap", "gc-probe", "-n", "remote", "-o",
                    "jsonpath={.metadata.uid}");
            spoke1.kubectl("patch", "configmap", "gc-probe", "-n", "remote", "--type=merge", "-p",
                    "{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":"
                            + "\"gone\",\"uid\":\"" + probeUid.replace('a', 'b').replace('1', '2') + "\"}]}}");
            Await.until("the garbage collector to delete the probe", WAIT, () -> {
                try {
                    spoke1.kubectl("get", "configmap", "gc-probe", "-n", "remote");
                    return Optional.empty();
                } catch (RuntimeException e) {
                    return e.getMessage().contains("NotFound") ? Optional.of(true) : Optional.empty();
                }
            });
            assertThat(results.all().keySet()).filteredOn(n -> n.startsWith("whalesay")).hasSize(1);
            assertThat(pods.all()).containsKey(podName);
        }
    }

    private static final String FAN_OUT = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: fan-out
            spec:
              entrypoint: main
              arguments:
                parameters: [{name: greeting, value: hi}]
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: hub, template: gen}
                  - name: spoke1
                    template: echo
                    depends: hub
                    arguments:
                      parameters:
                      - {name: msg, value: "{{tasks.hub.outputs.result}}"}
                      - {name: cluster, value: cluster-1}
                      - {name: namespace, value: remote}
                  - name: spoke2
                    template: echo
                    depends: hub
                    arguments:
                      parameters:
                      - {name: msg, value: "{{tasks.hub.outputs.parameters.out}}"}
                      - {name: cluster, value: cluster-2}
                      - {name: namespace, value: remote2}
                  - name: shared
                    template: join
                    depends: spoke1 && spoke2
                    arguments:
                      parameters:
                      - {name: a, value: "{{tasks.spoke1.outputs.result}}"}
                      - {name: b, value: "{{tasks.spoke2.outputs.parameters.echoed}}"}
              - name: gen
                script:
                  image: alpine
                  command: [sh]
                  source: |
                    echo {{workflow.parameters.greeting}}-from-hub
                    echo param-from-hub > /tmp/out
                outputs:
                  parameters:
                  - name: out
                    valueFrom: {path: /tmp/out}
              - name: echo
                inputs:
                  parameters: [{name: msg}, {name: cluster}, {name: namespace}]
                cluster: "{{inputs.parameters.cluster}}"
                namespace: "{{inputs.parameters.namespace}}"
                container:
                  image: alpine
                  command: [sh, -c]
                  args: ["echo got {{inputs.parameters.msg}} in {{inputs.parameters.namespace}} | tee /tmp/echoed"]
                outputs:
                  parameters:
                  - name: echoed
                    valueFrom: {path: /tmp/echoed}
              - name: join
                inputs:
                  parameters: [{name: a}, {name: b}]
                cluster: in-cluster
                namespace: shared
                container:
                  image: alpine
                  command: [sh, -c]
                  args: ["echo {{inputs.parameters.a}} + {{inputs.parameters.b}}"]
            """;

    @Test
    void aDagOverHubSpoke1Spoke2AndTwoHubNamespacesPassesParametersAndResultsAndReadsLikeAnyArgoWorkflow()
            throws Exception {
        try (TestingKubeWatch s1 = TestingKubeWatch.pods(spoke1.apiClient(), "remote");
             TestingKubeWatch s2 = TestingKubeWatch.pods(spoke2.apiClient(), "remote2");
             TestingKubeWatch local = TestingKubeWatch.pods(hub.apiClient(), "local");
             TestingKubeWatch sharedPods = TestingKubeWatch.pods(hub.apiClient(), "shared")) {
            JsonNode wf = submit("local", FAN_OUT);

            assertThat(wf.path("status").path("phase").asText()).as(wf.path("status").toPrettyString())
                    .isEqualTo("Succeeded");
            assertThat(wf.path("status").path("progress").asText()).isEqualTo("4/4");
            assertThat(node(wf, "spoke1").path("outputs").path("result").asText())
                    .isEqualTo("got hi-from-hub in remote");
            assertThat(node(wf, "spoke2").path("outputs").path("parameters").get(0).path("value").asText())
                    .isEqualTo("got param-from-hub in remote2");
            JsonNode join = node(wf, "shared");
            assertThat(join.path("inputs").path("parameters").toString())
                    .contains("got hi-from-hub in remote").contains("got param-from-hub in remote2");
            assertThat(join.path("type").asText()).isEqualTo("Pod");
            for (TestingKubeWatch w : List.of(s1, s2, local, sharedPods)) {
                assertThat(w.names().stream().filter(n -> n.startsWith("fan-out-"))).as("one pod in each place")
                        .hasSize(1);
                assertThat(w.createdTwice()).isEmpty();
            }
            assertThat(local.names()).anyMatch(n -> n.startsWith("fan-out-gen-"));
            assertThat(sharedPods.names()).anyMatch(n -> n.startsWith("fan-out-join-"));
        }
    }

    private static final String PLACED = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: "@NAME@"
            spec:
              entrypoint: main
              arguments:
                parameters: [{name: cl, value: "@CLUSTER@"}, {name: ns, value: "@NAMESPACE@"}]
              templates:
              - name: main
                cluster: "{{workflow.parameters.cl}}"
                namespace: "{{workflow.parameters.ns}}"
                container:
                  image: alpine
                  command: [sh, -c]
                  args: ["cat /secret/value || true"]
                  volumeMounts: [{name: s, mountPath: /secret}]
                volumes: [{name: s, secret: {secretName: kubeconfig}}]
            """;

    private static String placed(String name, String cluster, String namespace) {
        return PLACED.replace("@NAME@", name).replace("@CLUSTER@", cluster).replace("@NAMESPACE@", namespace);
    }

    @Test
    void isolationAttacksAreRefusedWithAClearMessageAndCreateNothing() throws Exception {
        record Attack(String workflowNamespace, String name, String cluster, String namespace, String message) {
        }
        List<Attack> attacks = List.of(
                new Attack("local", "no-context", "cluster-2", "default", "workflow namespace 'local' may not run"
                        + " steps in cluster 'cluster-2' namespace 'default': its kubeconfig secret 'kubeconfig' has"
                        + " no context for cluster 'cluster-2' with namespace 'default' or none"),
                new Attack("local", "unknown-cluster", "cluster-9", "remote", "workflow namespace 'local' may not"
                        + " run steps in cluster 'cluster-9' namespace 'remote': the controller has no cluster of that"
                        + " name"),
                new Attack("local", "other-namespace", "in-cluster", "team-b", "workflow namespace 'local' may not"
                        + " run steps in cluster 'in-cluster' namespace 'team-b': its kubeconfig secret 'kubeconfig'"
                        + " has no context for cluster 'in-cluster' with namespace 'team-b' or none"),
                new Attack("team-b", "borrowed-secret", "cluster-1", "remote", "workflow namespace 'team-b' may not"
                        + " run steps in cluster 'cluster-1' namespace 'remote': it has no kubeconfig secret"
                        + " 'kubeconfig' (key 'value') with a context for them, and the controller's own credentials"
                        + " only serve a workflow's own cluster and namespace"),
                new Attack("local", "controller-secret", "in-cluster", "argo", "workflow namespace 'local' may not"
                        + " run steps in cluster 'in-cluster' namespace 'argo': its kubeconfig secret 'kubeconfig' has"
                        + " no context for cluster 'in-cluster' with namespace 'argo' or none"),
                new Attack("argo", "from-controller-ns", "cluster-1", "remote", "workflow namespace 'argo' may not"
                        + " run steps in cluster 'cluster-1' namespace 'remote': it has no kubeconfig secret"),
                new Attack("local", "path-injection", "../../api/v1/namespaces/argo/secrets", "remote",
                        "template 'main': cluster '../../api/v1/namespaces/argo/secrets' is not a valid cluster"
                        + " name"),
                new Attack("local", "template-injection", "{{inputs.parameters.x}}", "remote", ""),
                new Attack("local", "restricted", "cluster-1", "other", "workflow namespace 'local' may not run"
                        + " steps in cluster 'cluster-1' namespace 'other': the controller's cluster 'cluster-1' is"
                        + " restricted to namespace 'remote'"));
        Map<String, TestingKubeWatch> watches = new java.util.LinkedHashMap<>();
        try {
            watches.put("spoke1/remote", TestingKubeWatch.pods(spoke1.apiClient(), "remote"));
            watches.put("spoke1/other", TestingKubeWatch.pods(spoke1.apiClient(), "other"));
            watches.put("spoke2/default", TestingKubeWatch.pods(spoke2.apiClient(), "default"));
            watches.put("hub/team-b", TestingKubeWatch.pods(hub.apiClient(), "team-b"));
            watches.put("hub/argo", TestingKubeWatch.pods(hub.apiClient(), "argo"));
            Map<String, Integer> before = new java.util.HashMap<>();
            watches.forEach((k, w) -> before.put(k, w.names().size()));
            for (Attack attack : attacks) {
                JsonNode wf = submit(attack.workflowNamespace(), placed(attack.name(), attack.cluster(),
                        attack.namespace()));
                String phase = wf.path("status").path("phase").asText();
                assertThat(phase).as(attack.name()).isIn("Failed", "Error");
                String message = node(wf, attack.name()).path("message").asText();
                if (attack.message().isEmpty()) {
                    // Whatever a tag in a parameter renders to, the result is checked as a name, then as a target.
                    assertThat(message).as(attack.name()).containsAnyOf("is not a valid cluster name",
                            "may not run steps in cluster");
                } else {
                    assertThat(message).as(attack.name()).startsWith(attack.message());
                }
            }
            watches.forEach((k, w) -> assertThat(w.names()).as("nothing created in " + k).hasSize(before.get(k)));
            for (TestbedCluster c : List.of(spoke1, spoke2)) {
                assertThat(c.kubectl("get", "workflows", "-A", "-o", "name")).doesNotContain("no-context",
                        "restricted", "borrowed-secret", "from-controller-ns");
            }
            // Refused workflows carry the clean-up finalizer too (their targets were recorded before the check):
            // deleting them must not get stuck, whatever they named (an unknown cluster included).
            for (Attack attack : attacks) {
                hub.kubectl("delete", "workflow", attack.name(), "-n", attack.workflowNamespace(), "--timeout=120s");
            }
        } finally {
            for (TestingKubeWatch w : watches.values()) {
                w.close();
            }
        }
    }

    private static final String LONG = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: long-runner
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: a, template: sleep, arguments: {parameters: [{name: cl, value: cluster-1}, {name: ns, value: remote}]}}
                  - {name: b, template: sleep, arguments: {parameters: [{name: cl, value: cluster-2}, {name: ns, value: remote2}]}}
                  - {name: c, template: sleep, arguments: {parameters: [{name: cl, value: in-cluster}, {name: ns, value: shared}]}}
                  - {name: d, template: quick, arguments: {parameters: [{name: cl, value: cluster-1}, {name: ns, value: remote}]}}
              - name: sleep
                inputs: {parameters: [{name: cl}, {name: ns}]}
                cluster: "{{inputs.parameters.cl}}"
                namespace: "{{inputs.parameters.ns}}"
                container: {image: alpine, command: [sleep, "600"]}
              - name: quick
                inputs: {parameters: [{name: cl}, {name: ns}]}
                cluster: "{{inputs.parameters.cl}}"
                namespace: "{{inputs.parameters.ns}}"
                container: {image: alpine, command: [echo, done]}
            """;

    @Test
    void deletingARunningMultiClusterWorkflowLeavesNoPodTaskResultOrAnchorAnywhere() throws Exception {
        Path file = Files.writeString(Files.createTempFile(shared, "long-", ".yaml"), LONG);
        Map<String, TestingKubeWatch> pods = new java.util.LinkedHashMap<>();
        Map<String, TestingKubeWatch> results = new java.util.LinkedHashMap<>();
        try (TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), "local")) {
            pods.put("spoke1/remote", TestingKubeWatch.pods(spoke1.apiClient(), "remote"));
            pods.put("spoke2/remote2", TestingKubeWatch.pods(spoke2.apiClient(), "remote2"));
            pods.put("hub/shared", TestingKubeWatch.pods(hub.apiClient(), "shared"));
            results.put("spoke1/remote", TestingKubeWatch.taskResults(spoke1.apiClient(), "remote"));
            results.put("spoke2/remote2", TestingKubeWatch.taskResults(spoke2.apiClient(), "remote2"));
            results.put("hub/shared", TestingKubeWatch.taskResults(hub.apiClient(), "shared"));
            hub.kubectl("create", "-n", "local", "-f", file.toString());
            for (var e : pods.entrySet()) {
                e.getValue().await("a running long-runner pod in " + e.getKey(), WAIT, w -> w.all().values().stream()
                        .filter(p -> p.path("metadata").path("name").asText().startsWith("long-runner-sleep-")
                                && p.path("status").path("phase").asText().equals("Running"))
                        .findFirst());
            }
            results.get("spoke1/remote").await("the quick step's task result", WAIT, w -> w.names().stream()
                    .filter(n -> n.startsWith("long-runner-")).findFirst());
            JsonNode object = workflows.get("long-runner").orElseThrow();
            assertThat(object.path("metadata").path("finalizers").toString()).contains("skiff.dev/remote-cleanup");

            hub.kubectl("delete", "workflow", "long-runner", "-n", "local", "--wait=false");

            workflows.await("the workflow to be gone", WAIT, w -> w.get("long-runner").isEmpty()
                    ? Optional.of(true) : Optional.empty());
            for (var e : pods.entrySet()) {
                e.getValue().await("no long-runner pod left in " + e.getKey(), WAIT, w -> w.all().keySet().stream()
                        .noneMatch(n -> n.startsWith("long-runner-")) ? Optional.of(true) : Optional.empty());
            }
            for (var e : results.entrySet()) {
                e.getValue().await("no long-runner task result left in " + e.getKey(), WAIT, w -> w.all()
                        .keySet().stream().noneMatch(n -> n.startsWith("long-runner-")) ? Optional.of(true) : Optional.empty());
            }
            for (var c : List.of(spoke1, spoke2)) {
                assertThat(c.kubectl("get", "workflows", "-A", "-o", "name")).doesNotContain("long-runner");
            }
            assertThat(hub.kubectl("get", "workflows", "-n", "shared", "-o", "name")).doesNotContain("long-runner");
        } finally {
            for (TestingKubeWatch w : pods.values()) {
                w.close();
            }
            for (TestingKubeWatch w : results.values()) {
                w.close();
            }
        }
    }

    /** A token of the ServiceAccount held by a Secret of its own, so deleting that Secret revokes it. */
    private static String revocableToken(TestbedCluster cluster, String namespace, String account, String secret)
            throws Exception {
        Path file = Files.writeString(Files.createTempFile(shared, "token-", ".yaml"), """
                apiVersion: v1
                kind: Secret
                type: kubernetes.io/service-account-token
                metadata:
                  name: %s
                  namespace: %s
                  annotations: {kubernetes.io/service-account.name: %s}
                """.formatted(secret, namespace, account));
        cluster.kubectl("apply", "-f", file.toString());
        String encoded = Await.until("the token controller to fill " + secret, WAIT, () -> {
            String data = cluster.kubectl("get", "secret", secret, "-n", namespace, "-o", "jsonpath={.data.token}");
            return data.isBlank() ? Optional.empty() : Optional.of(data.strip());
        });
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    private static void tenantSecret(String namespace, String token) throws Exception {
        Path file = Files.writeString(Files.createTempFile(shared, "tenant-", ".yaml"), """
                apiVersion: v1
                kind: Config
                users:
                - {name: remote, user: {token: %s}}
                contexts:
                - {name: spoke1, context: {cluster: cluster-1, namespace: remote, user: remote}}
                """.formatted(token));
        hub.kubectl("delete", "secret", "kubeconfig", "-n", namespace, "--ignore-not-found");
        hub.kubectl("create", "secret", "generic", "kubeconfig", "-n", namespace, "--from-file=value=" + file);
        Files.delete(file);
    }

    private static final String ROTATION = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: rotation
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: first, template: remote}
                - - {name: pause, template: pause}
                - - {name: second, template: remote}
              - name: remote
                cluster: cluster-1
                namespace: remote
                container: {image: alpine, command: [echo, hi]}
              - name: pause
                suspend: {}
            """;

    @Test
    void aTenantTokenRotatedAndRevokedMidRunIsReplacedForTheNextStepWithNoStepFailing() throws Exception {
        String first = revocableToken(spoke1, "remote", "remote", "remote-token-a");
        tenantSecret("rotating", first);
        Path file = Files.writeString(Files.createTempFile(shared, "rotation-", ".yaml"), ROTATION);
        try (TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), "rotating")) {
            hub.kubectl("create", "-n", "rotating", "-f", file.toString());
            workflows.await("rotation", WAIT, "to reach its suspend step", wf -> {
                for (JsonNode n : wf.path("status").path("nodes")) {
                    if (n.path("displayName").asText().equals("pause") && n.path("phase").asText().equals("Running")) {
                        return true;
                    }
                }
                return false;
            });

            // Rotation: the secret gets a new token, the old one is revoked and refused by spoke1 from now on.
            tenantSecret("rotating", revocableToken(spoke1, "remote", "remote", "remote-token-b"));
            spoke1.kubectl("delete", "secret", "remote-token-a", "-n", "remote");
            Await.until("spoke1 to refuse the revoked token", WAIT, () -> {
                try {
                    new io.kubernetes.client.openapi.apis.VersionApi(spoke1.apiClient(first)).getCode().execute();
                    return Optional.empty();
                } catch (io.kubernetes.client.openapi.ApiException e) {
                    return e.getCode() == 401 ? Optional.of(true) : Optional.empty();
                }
            });
            var resumed = TestingLauncher.run(env, "resume", "rotation", "-n", "rotating");
            assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();

            JsonNode done = workflows.await("rotation", WAIT, "to end", wf -> wf.path("status").path("phase")
                    .asText().matches("Succeeded|Failed|Error"));
            assertThat(done.path("status").path("phase").asText()).as(done.path("status").toPrettyString())
                    .isEqualTo("Succeeded");
            for (JsonNode n : done.path("status").path("nodes")) {
                assertThat(n.path("phase").asText()).as(n.path("displayName").asText()).isEqualTo("Succeeded");
            }
        }
    }

    @Test
    void skiffClustersListsWhatEachTenantSecretAllows() throws Exception {
        Path config = Files.writeString(Files.createTempFile(shared, "clusters-", ".yaml"), """
                namespace: argo
                clusters:
                  in-cluster:
                    auth: {type: kubeconfig, file: %s}
                workflowSources: [{cluster: in-cluster, namespaces: [local]}]
                """.formatted(hub.kubeconfig()));
        var result = TestingLauncher.run(env, "clusters", "--config", config.toString(), "--tenants", "local,team-b");

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).containsPattern("(?m)^cluster-1 .* OK$").containsPattern("(?m)^cluster-2 .* OK$")
                .containsPattern("(?m)^local +spoke1 +cluster-1 +remote +OK$")
                .containsPattern("(?m)^local +spoke1-any +cluster-1 +\\* +OK \\(only namespace 'remote': the cluster"
                        + " is restricted\\)$")
                .containsPattern("(?m)^local +spoke2 +cluster-2 +remote2 +OK$")
                .containsPattern("(?m)^local +hub-shared +in-cluster +shared +OK$")
                .containsPattern("(?m)^team-b +- +- +- +no secret 'kubeconfig': only its own cluster and namespace$");
        for (TestbedCluster c : List.of(spoke1, spoke2)) {
            assertThat(result.stdout() + result.stderr()).doesNotContain(c.staticToken(TestbedCluster.ADMIN_USER));
        }
    }

    private static final String SHUTDOWN = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: "@NAME@"
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: home, template: hello}
                  - name: far
                    template: nap
                    arguments: {parameters: [{name: cl, value: "@CLUSTER@"}, {name: ns, value: "@NAMESPACE@"}]}
              - name: hello
                container: {image: alpine, command: [echo, hello from the hub]}
              - name: nap
                inputs: {parameters: [{name: cl}, {name: ns}]}
                cluster: "{{inputs.parameters.cl}}"
                namespace: "{{inputs.parameters.ns}}"
                container: {image: alpine, command: [sh, -c, "echo napping in {{inputs.parameters.ns}}; sleep 600"]}
            """;

    /**
     * The CLI on remote steps: {@code get -o wide} says where each pod ran, {@code logs} reads them there (through a
     * kubeconfig context named like the cluster, or {@code --config}'s cluster) and names a cluster it has no
     * credentials for; {@code stop} and {@code terminate} reach the remote pods (argoexec kill, main ends 143), the
     * stopped one placed by a parameter, which only the controller's record tells after {@code skiff stop} made it
     * rebuild its reconciler.
     */
    @Test
    void getWideShowsWhereStepsRanLogsReadsThemThereAndStopAndTerminateReachRemotePods() throws Exception {
        Path stopped = Files.writeString(shared.resolve("stopped.yaml"), SHUTDOWN.replace("@NAME@", "cli-stopped")
                .replace("@CLUSTER@", "cluster-1").replace("@NAMESPACE@", "remote"));
        Path terminated = Files.writeString(shared.resolve("terminated.yaml"), SHUTDOWN.replace("@NAME@",
                "cli-terminated").replace("@CLUSTER@", "cluster-2").replace("@NAMESPACE@", "remote2"));
        try (TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), "local");
             TestingKubeWatch s1 = TestingKubeWatch.pods(spoke1.apiClient(), "remote");
             TestingKubeWatch s2 = TestingKubeWatch.pods(spoke2.apiClient(), "remote2")) {
            hub.kubectl("create", "-n", "local", "-f", stopped.toString());
            hub.kubectl("create", "-n", "local", "-f", terminated.toString());
            String stoppedPod = napping(workflows, s1, "cli-stopped");
            String terminatedPod = napping(workflows, s2, "cli-terminated");

            var get = TestingLauncher.run(env, "get", "cli-stopped", "-n", "local", "-o", "wide");
            assertThat(get.exitCode()).as(get.stderr()).isZero();
            assertThat(get.stdout()).containsPattern("(?m)^STEP +TEMPLATE +PODNAME +CLUSTER +NAMESPACE +DURATION")
                    .containsPattern("(?m)^ +[├└]─. far +nap +" + stoppedPod + " +cluster-1 +remote +\\S")
                    .containsPattern("(?m)^ +[├└]─. home +hello +cli-stopped-hello-\\d+ +- +- +\\S");
            assertThat(workflows.get("cli-stopped").orElseThrow().path("metadata").path("annotations")
                    .path("skiff.dev/node-targets").asText()).startsWith("cluster-1/remote:-");

            // The CLI's kubeconfig reaches only the hub: the hub's pod is printed, the other cluster named.
            var noCredentials = TestingLauncher.run(env, "logs", "cli-stopped", "-n", "local");
            assertThat(noCredentials.exitCode()).isEqualTo(1);
            assertThat(noCredentials.stdout()).containsPattern("(?m)^cli-stopped-hello-\\d+: hello from the hub$");
            assertThat(noCredentials.stderr()).contains("in cluster 'cluster-1' namespace 'remote': no credentials"
                    + " for cluster 'cluster-1': pass --config with the controller config that defines it, or add a"
                    + " kubeconfig context named 'cluster-1'");
            // A context named like the cluster (Argo's convention) in a second kubeconfig file.
            Path contexts = Files.writeString(shared.resolve("cli-contexts.yaml"), """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - {name: spoke1, cluster: {server: "%s", certificate-authority-data: %s}}
                    users:
                    - {name: admin1, user: {token: %s}}
                    contexts:
                    - {name: cluster-1, context: {cluster: spoke1, user: admin1}}
                    """.formatted(spoke1.server(), ca(spoke1), spoke1.staticToken(TestbedCluster.ADMIN_USER)));
            Map<String, String> both = Map.of("KUBECONFIG", hub.kubeconfig() + java.io.File.pathSeparator + contexts,
                    "HOME", shared.toString());
            var logs = TestingLauncher.run(both, "logs", "cli-stopped", "-n", "local");
            assertThat(logs.exitCode()).as(logs.stderr()).isZero();
            assertThat(logs.stdout()).containsPattern("(?m)^cli-stopped-hello-\\d+: hello from the hub$")
                    .containsPattern("(?m)^" + stoppedPod + ": napping in remote$");
            var nodeLogs = TestingLauncher.run(both, "logs", "cli-stopped", "-n", "local", "--node", "far");
            assertThat(nodeLogs.exitCode()).as(nodeLogs.stderr()).isZero();
            assertThat(nodeLogs.stdout()).containsPattern("(?m)^" + stoppedPod + ": napping in remote$")
                    .doesNotContain("hello from the hub");
            // The controller config's cluster of that name (from its kubeconfig secret), as 'skiff clusters' reads it.
            Path config = Files.writeString(shared.resolve("cli-config.yaml"), """
                    namespace: argo
                    clusters:
                      in-cluster:
                        auth: {type: kubeconfig, file: %s}
                    """.formatted(hub.kubeconfig()));
            var viaConfig = TestingLauncher.run(env, "logs", "cli-terminated", "-n", "local", "--config",
                    config.toString());
            assertThat(viaConfig.exitCode()).as(viaConfig.stderr()).isZero();
            assertThat(viaConfig.stdout()).containsPattern("(?m)^" + terminatedPod + ": napping in remote2$");

            assertThat(TestingLauncher.run(env, "stop", "cli-stopped", "-n", "local").exitCode()).isZero();
            assertThat(TestingLauncher.run(env, "terminate", "cli-terminated", "-n", "local").exitCode()).isZero();

            for (var w : List.of(Map.entry(s1, stoppedPod), Map.entry(s2, terminatedPod))) {
                JsonNode pod = w.getKey().await(w.getValue(), WAIT, "ended", p -> p.path("status").path("phase")
                        .asText().equals("Failed"));
                assertThat(ControllerPodsIT.containerState(pod, "main").path("terminated").path("exitCode").asInt())
                        .as(w.getValue() + ": main got SIGTERM from argoexec kill").isEqualTo(143);
            }
            for (String name : List.of("cli-stopped", "cli-terminated")) {
                JsonNode done = workflows.await(name, WAIT, "completed",
                        ControllerPodsIT.label("workflows.argoproj.io/completed", "true"));
                assertThat(done.path("status").path("phase").asText()).isEqualTo("Failed");
                assertThat(node(done, "far").path("message").asText()).startsWith("workflow shutdown with strategy");
            }
        }
    }

    /** Waits until the workflow's home step succeeded and its far step's main runs; the far pod's name. */
    private static String napping(TestingKubeWatch workflows, TestingKubeWatch pods, String name) throws Exception {
        workflows.await(name, WAIT, "home done", wf -> ControllerPodsIT.findNode(wf, "home")
                .filter(n -> n.path("phase").asText().equals("Succeeded")).isPresent());
        String pod = workflows.await("the far step of " + name + " to run", WAIT, w -> w.get(name)
                .flatMap(wf -> ControllerPodsIT.findNode(wf, "far"))
                .filter(n -> n.path("phase").asText().equals("Running"))
                .map(n -> ControllerPodsIT.podName(name, n)));
        pods.await(pod, WAIT, "main running", p -> ControllerPodsIT.containerState(p, "main").has("running"));
        return pod;
    }
}
