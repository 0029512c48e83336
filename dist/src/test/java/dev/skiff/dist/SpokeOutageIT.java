package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.testbed.ClusterName;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spoke that goes away (issue 10): {@code bin/skiff controller} in the hub's {@code outage} namespace runs workflows
 * with steps in the hub, spoke1 ({@code cluster-1}) and spoke2 ({@code cluster-2}) while the test stops spoke2's
 * kube-apiserver (the testbed keeps etcd, the kubelet and the pods running) and starts it again. Steps wait for
 * gate files the test creates (a directory the process kubelet's containers see), so that what runs when is decided
 * by the test, not by timing. Two controllers start together (a JVM start costs tens of seconds on a loaded machine):
 * one with the default {@code clusterUnreachableTimeout} for {@code outage}, one with 10 s (and an instance id of its
 * own) for {@code outage-lost}; namespaces of their own, so the class shares the clusters with
 * {@link ControllerMultiClusterIT}.
 */
@Testbed
class SpokeOutageIT {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String NS = "outage";
    private static final String LOST_NS = "outage-lost";
    private static final String SPOKE1_NS = "outage1";
    private static final String SPOKE2_NS = "outage2";

    @TempDir
    static Path shared;

    private static TestbedCluster hub;
    private static TestbedCluster spoke1;
    private static TestbedCluster spoke2;
    /** Under the module's target directory: the kubelet's containers see the host's /work, not its /tmp. */
    private static Path gates;
    private static TestingControllerProcess controller;
    private static TestingControllerProcess shortTimeout;

    @BeforeAll
    static void setUp(TestbedCluster hubCluster, @ClusterName("spoke1") TestbedCluster spoke1Cluster,
                      @ClusterName("spoke2") TestbedCluster spoke2Cluster) throws Exception {
        hub = hubCluster;
        spoke1 = spoke1Cluster;
        spoke2 = spoke2Cluster;
        for (TestbedCluster c : List.of(hub, spoke1, spoke2)) {
            TestingControllerSetup.installCrds(c);
        }
        hub.kubectl("create", "namespace", NS);
        hub.kubectl("create", "namespace", LOST_NS);
        spoke1.kubectl("create", "namespace", SPOKE1_NS);
        spoke2.kubectl("create", "namespace", SPOKE2_NS);
        TestingControllerSetup.allowSteps(hub, NS);
        TestingControllerSetup.allowSteps(hub, LOST_NS);
        TestingControllerSetup.allowSteps(spoke1, SPOKE1_NS);
        TestingControllerSetup.allowSteps(spoke2, SPOKE2_NS);
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
                - {name: cluster-1, context: {cluster: spoke1, user: admin1}}
                - {name: cluster-2, context: {cluster: spoke2, user: admin2}}
                """.formatted(spoke1.server(), ca(spoke1), spoke2.server(), ca(spoke2),
                spoke1.staticToken(TestbedCluster.ADMIN_USER), spoke2.staticToken(TestbedCluster.ADMIN_USER)));
        for (String ns : List.of(NS, LOST_NS)) {
            hub.kubectl("create", "secret", "generic", "kubeconfig", "-n", ns, "--from-file=value=" + clusterSecret);
        }
        Files.delete(clusterSecret);
        gates = Files.createDirectories(Path.of("target", "outage-gates-" + UUID.randomUUID())).toAbsolutePath();
        mark("controllers starting");
        var other = java.util.concurrent.CompletableFuture.supplyAsync(() -> startController(LOST_NS, "short",
                "clusterUnreachableTimeout: 10s"));
        controller = startController(NS, "", "");
        shortTimeout = other.join();
        mark("controllers started");
    }

    @AfterEach
    void spoke2Answers() {
        spoke2.startApiServer();
    }

    @AfterAll
    static void stopControllers() throws Exception {
        spoke2.startApiServer();
        for (TestingControllerProcess c : java.util.Arrays.asList(controller, shortTimeout)) {
            if (c != null) {
                c.close();
                checkLog(c.log());
            }
        }
    }

    private static void checkLog(String log) throws Exception {
        Files.writeString(Path.of("target", "SpokeOutageIT-controller-" + UUID.randomUUID() + ".log"), log);
        assertThat(log.lines().filter(l -> l.startsWith("\tat ") || l.contains("event=workflow.sync.error")))
                .as("no stack traces or sync errors in the controller's log:%n%s", log).isEmpty();
        for (TestbedCluster c : List.of(hub, spoke1, spoke2)) {
            assertThat(log).doesNotContain(c.staticToken(TestbedCluster.ADMIN_USER));
        }
        assertThat(log).doesNotContain("certificate-authority-data", "client-key-data", "BEGIN ");
    }

    private static String ca(TestbedCluster cluster) {
        return Base64.getEncoder().encodeToString(cluster.caCertificatePem().getBytes(StandardCharsets.UTF_8));
    }

    /** A controller in {@code ns} for the workflows there, with the cluster secret there. */
    private static TestingControllerProcess startController(String ns, String instanceId, String extraConfig) {
        try {
            return TestingControllerProcess.start(hub, shared.resolve("controller-" + ns),
                    TestingControllerProcess.Options.plain().withInstanceId(instanceId).withNamespace(ns)
                            .withClusterSecret().watching(ns)
                            .with("tenants: {controllerCredentialsElsewhere: true}\n" + extraConfig));
        } catch (Exception e) {
            throw new IllegalStateException("the controller for " + ns + " did not start: " + e.getMessage(), e);
        }
    }

    /** A step that waits until the test creates {@code gate}, then says so. */
    private static String gatedStep(String name, String placement, String gate) {
        return """
                  - name: %s
                    %s
                    container:
                      image: alpine
                      command: [sh, -c, 'until [ -e %s ]; do sleep 0.2; done; echo %s done']
                """.formatted(name, placement, gates.resolve(gate), name);
    }

    private static Optional<JsonNode> node(JsonNode wf, String displayName) {
        for (JsonNode n : wf.path("status").path("nodes")) {
            if (n.path("displayName").asText().equals(displayName)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private static String phase(JsonNode wf, String displayName) {
        return node(wf, displayName).map(n -> n.path("phase").asText()).orElse("");
    }

    private static String message(JsonNode wf, String displayName) {
        return node(wf, displayName).map(n -> n.path("message").asText()).orElse("");
    }

    private static final long T0 = System.nanoTime();

    /** Where the test is, with the seconds since the class started (the report's figures). */
    private static void mark(String what) {
        System.out.printf("SpokeOutageIT %6.1f s: %s%n", (System.nanoTime() - T0) / 1e9, what);
    }

    private static void open(String gate) throws Exception {
        Files.writeString(gates.resolve(gate), "open");
    }

    private static final String SPOKE2 = "{cluster: cluster-2, namespace: " + SPOKE2_NS + "}";

    @Test
    void whileSpoke2IsDownItsNodesSaySoAndTheHubAndSpoke1CarryOnThenSpoke2ResumesWithOnePodPerStep()
            throws Exception {
        String workflow = """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: outage}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    dag:
                      tasks:
                      - {name: s2-first, template: s2-first}
                      - {name: hub-during, template: hub-during}
                      - {name: s1-during, template: s1-during}
                      - {name: hub-after, template: quick, dependencies: [hub-during]}
                      - {name: s2-second, template: s2-second, dependencies: [hub-after, s1-during]}
                %s%s%s\
                  - name: quick
                    container: {image: alpine, command: [echo, hub after]}
                  - name: s2-second
                    cluster: cluster-2
                    namespace: %s
                    container: {image: alpine, command: [echo, spoke2 second]}
                """.formatted(
                gatedStep("s2-first", "cluster: cluster-2\n    namespace: " + SPOKE2_NS, "spoke2-back"),
                gatedStep("hub-during", "metadata: {}", "spoke2-down"),
                gatedStep("s1-during", "cluster: cluster-1\n    namespace: " + SPOKE1_NS, "spoke2-down"),
                SPOKE2_NS);
        Path file = Files.writeString(shared.resolve("outage.yaml"), workflow);
        try (TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), NS);
             TestingKubeWatch spoke2Pods = TestingKubeWatch.pods(spoke2.apiClient(), SPOKE2_NS)) {
            hub.kubectl("create", "-n", NS, "-f", file.toString());
            workflows.await("outage", WAIT, "to run s2-first in spoke2", wf -> phase(wf, "s2-first").equals("Running"));
            String firstPod = spoke2Pods.await("s2-first's pod running in spoke2", WAIT, w -> w.all().values().stream()
                    .filter(p -> p.path("metadata").path("name").asText().startsWith("outage-s2-first-")
                            && p.path("status").path("phase").asText().equals("Running"))
                    .map(p -> p.path("metadata").path("name").asText()).findFirst());

            mark("s2-first running");
            spoke2.stopApiServer();
            mark("spoke2 stopped");
            open("spoke2-down");

            // The hub and spoke1 carry on: the gated steps end, a new hub pod runs; spoke2's nodes say why they wait.
            JsonNode during = workflows.await("outage", WAIT, "to finish the hub and spoke1 steps and to say that"
                    + " spoke2 is unreachable", wf -> phase(wf, "hub-during").equals("Succeeded")
                    && phase(wf, "s1-during").equals("Succeeded") && phase(wf, "hub-after").equals("Succeeded")
                    && message(wf, "s2-second").startsWith("cluster cluster-2 unreachable since ")
                    && message(wf, "s2-first").startsWith("cluster cluster-2 unreachable since "));
            assertThat(phase(during, "s2-first")).isEqualTo("Running");
            assertThat(phase(during, "s2-second")).isEqualTo("Pending");
            assertThat(during.path("status").path("phase").asText()).isEqualTo("Running");
            System.out.println("spoke2 down, s2-first: " + message(during, "s2-first"));
            System.out.println("spoke2 down, s2-second: " + message(during, "s2-second"));

            mark("hub and spoke1 done, spoke2 nodes say unreachable");
            spoke2.startApiServer();
            mark("spoke2 started");
            open("spoke2-back");

            JsonNode done = workflows.await("outage", WAIT, "to end", wf -> wf.path("status").path("phase").asText()
                    .matches("Succeeded|Failed|Error"));
            mark("workflow ended");
            assertThat(done.path("status").path("phase").asText()).as(done.path("status").toPrettyString())
                    .isEqualTo("Succeeded");
            for (String step : List.of("s2-first", "s2-second")) {
                assertThat(message(done, step)).as(step).isEmpty();
            }
            // One pod per spoke2 step, each created once: s2-first's pod was adopted, not created again.
            Map<String, Integer> created = spoke2Pods.await("both spoke2 pods seen", WAIT, w -> {
                Map<String, Integer> mine = w.names().stream().filter(n -> n.startsWith("outage-"))
                        .collect(Collectors.toMap(n -> n, w::creations));
                return mine.size() == 2 ? Optional.of(mine) : Optional.empty();
            });
            assertThat(created).containsEntry(firstPod, 1).hasSize(2).allSatisfy((name, count) ->
                    assertThat(count).as(name).isEqualTo(1));
            assertThat(created.keySet()).anyMatch(n -> n.startsWith("outage-s2-second-"));
            String log = controller.log();
            assertThat(log).contains("event=cluster.unreachable cluster=cluster-2").contains(
                    "event=cluster.reachable cluster=cluster-2");
            hub.kubectl("delete", "workflow", "outage", "-n", NS, "--timeout=120s");
            mark("workflow deleted");
        }
    }

    @Test
    void aSpokeDownForLongerThanTheTimeoutEndsItsNodesErrorWithAMessageNamingTheClusterAndTheTimeout()
            throws Exception {
        String workflow = """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata:
                  name: lost
                  labels: {workflows.argoproj.io/controller-instanceid: short}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    dag:
                      tasks:
                      - {name: hub-ok, template: hub-ok}
                      - {name: s2-lost, template: s2-lost}
                  - name: hub-ok
                    container: {image: alpine, command: [echo, fine]}
                %s""".formatted(gatedStep("s2-lost", "cluster: cluster-2\n    namespace: " + SPOKE2_NS, "never"));
        Path file = Files.writeString(shared.resolve("lost.yaml"), workflow);
        try (TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), LOST_NS)) {
            hub.kubectl("create", "-n", LOST_NS, "-f", file.toString());
            workflows.await("lost", WAIT, "to run s2-lost in spoke2", wf -> phase(wf, "s2-lost").equals("Running"));

            mark("s2-lost running");
            spoke2.stopApiServer();
            mark("spoke2 stopped");

            // The proof that it was down long enough: the node said so, then the timeout ended it.
            JsonNode said = workflows.await("lost", WAIT, "to say that spoke2 is unreachable",
                    wf -> message(wf, "s2-lost").startsWith("cluster cluster-2 unreachable since "));
            assertThat(phase(said, "s2-lost")).isEqualTo("Running");
            mark("s2-lost says unreachable");
            JsonNode done = workflows.await("lost", WAIT, "to end", wf -> wf.path("status").path("phase").asText()
                    .matches("Succeeded|Failed|Error"));
            assertThat(done.path("status").path("phase").asText()).as(done.path("status").toPrettyString())
                    .isIn("Failed", "Error");
            assertThat(phase(done, "hub-ok")).isEqualTo("Succeeded");
            assertThat(phase(done, "s2-lost")).isEqualTo("Error");
            assertThat(message(done, "s2-lost")).matches("cluster cluster-2 unreachable for longer than"
                    + " clusterUnreachableTimeout 10s \\(since \\S+Z\\): .+");
            mark("workflow ended");
            System.out.println("spoke2 gone: " + message(done, "s2-lost"));

            spoke2.startApiServer();
            mark("spoke2 started");
            open("never");
            hub.kubectl("delete", "workflow", "lost", "-n", LOST_NS, "--timeout=120s");
            mark("workflow deleted");
        }
    }
}
