package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart safety with real pods: {@code bin/skiff controller} processes killed with SIGKILL while many workflows
 * run, replaced by new ones; two replicas with leader election. Creations are counted from the test's own pod
 * watch (distinct uids per pod name), started before anything is submitted. The controllers use an instance id,
 * so workflows and pods carry {@code workflows.argoproj.io/controller-instanceid} and only these controllers see
 * them.
 */
@Testbed
class ControllerCrashIT {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final String INSTANCE_LABEL = "workflows.argoproj.io/controller-instanceid";

    @TempDir
    Path dir;

    private final String instanceId = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<TestingControllerProcess> controllers = new ArrayList<>();
    private TestbedCluster hub;

    @BeforeAll
    static void crds(TestbedCluster hub) {
        TestingControllerSetup.installCrds(hub);
    }

    @BeforeEach
    void prepare(TestbedCluster hub, TestNamespace ns) {
        this.hub = hub;
        TestingControllerSetup.allowSteps(hub, ns.name());
    }

    @AfterEach
    void stopControllers() throws Exception {
        for (TestingControllerProcess c : controllers) {
            c.close();
        }
    }

    private TestingControllerProcess start(TestingControllerProcess.Options options) throws Exception {
        TestingControllerProcess c = TestingControllerProcess.start(hub, dir.resolve("controllers"), options);
        controllers.add(c);
        return c;
    }

    /** The kinds of workflow the crash test runs, by name prefix. */
    private String workflow(String kind, String name) {
        String head = """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata:
                  name: %s
                  labels: {%s: %s}
                spec:
                  entrypoint: main
                  templates:
                """.formatted(name, INSTANCE_LABEL, instanceId);
        String body = switch (kind) {
            case "chain" -> """
                      - name: main
                        steps:
                        - - {name: s1, template: say, arguments: {parameters: [{name: x, value: "1"}]}}
                        - - {name: s2, template: say, arguments: {parameters: [{name: x, value: "{{steps.s1.outputs.result}}2"}]}}
                        - - {name: s3, template: say, arguments: {parameters: [{name: x, value: "{{steps.s2.outputs.result}}3"}]}}
                        - - {name: s4, template: say, arguments: {parameters: [{name: x, value: "{{steps.s3.outputs.result}}4"}]}}
                      - name: say
                        inputs: {parameters: [{name: x}]}
                        script: {image: alpine, command: [sh], source: "echo {{inputs.parameters.x}}"}
                    """;
            case "fanout" -> """
                      - name: main
                        steps:
                        - - {name: item, template: work, arguments: {parameters: [{name: i, value: "{{item}}"}]}, withItems: [1, 2, 3, 4]}
                      - name: work
                        inputs: {parameters: [{name: i}]}
                        container: {image: alpine, command: [sh, -c, "sleep 0.{{inputs.parameters.i}}; echo {{inputs.parameters.i}}"]}
                    """;
            case "retry" -> """
                      - name: main
                        retryStrategy: {limit: 3, retryPolicy: OnFailure}
                        container: {image: alpine, command: [sh, -c, "echo attempt {{retries}}; test {{retries}} -ge 2"]}
                    """;
            case "dag" -> """
                      - name: main
                        dag:
                          tasks:
                          - {name: a, template: say, arguments: {parameters: [{name: x, value: a}]}}
                          - {name: b, template: say, depends: a, arguments: {parameters: [{name: x, value: "{{tasks.a.outputs.result}}b"}]}}
                          - {name: c, template: say, depends: a, arguments: {parameters: [{name: x, value: "{{tasks.a.outputs.result}}c"}]}}
                          - {name: d, template: say, depends: b && c, arguments: {parameters: [{name: x, value: "{{tasks.b.outputs.result}}{{tasks.c.outputs.result}}"}]}}
                      - name: say
                        inputs: {parameters: [{name: x}]}
                        script: {image: alpine, command: [sh], source: "echo {{inputs.parameters.x}}"}
                    """;
            default -> throw new IllegalArgumentException(kind);
        };
        return head + body;
    }

    /** What a kind ends as when nothing restarts: {@code skiff run -o json} of one of them, locally. */
    private Map<String, JsonNode> reference(List<String> kinds) throws Exception {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String kind : kinds) {
            Path file = Files.writeString(dir.resolve(kind + "-ref.yaml"), workflow(kind, kind + "-ref"));
            var run = TestingLauncher.run(Map.of("HOME", dir.toString()), "run", file.toString(), "-o", "json");
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            out.put(kind, TestingControllerSetup.read(run.stdout()));
        }
        return out;
    }

    @Test
    void controllersKilledAgainAndAgainWhileWorkflowsRunFinishEveryWorkflowAndCreateNoPodTwice(TestNamespace ns)
            throws Exception {
        List<String> kinds = List.of("chain", "fanout", "retry", "dag");
        Map<String, JsonNode> reference = reference(kinds);
        Map<String, String> kindOf = new LinkedHashMap<>();
        StringBuilder all = new StringBuilder();
        // 13 of each kind: 52 workflows, about 195 pods
        for (int i = 0; i < 13; i++) {
            for (String kind : kinds) {
                String name = kind + "-" + i;
                kindOf.put(name, kind);
                all.append(workflow(kind, name)).append("---\n");
            }
        }
        Path file = Files.writeString(dir.resolve("all.yaml"), all);
        TestingControllerProcess.Options options = TestingControllerProcess.Options.plain().withInstanceId(instanceId);
        try (TestingKubeWatch pods = TestingKubeWatch.pods(hub.apiClient(), ns.name());
             TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), ns.name());
             TestingKubeWatch results = TestingKubeWatch.taskResults(hub.apiClient(), ns.name())) {
            TestingControllerProcess first = start(options);
            Instant created = Instant.now();
            hub.kubectl("create", "-n", ns.name(), "-f", file.toString());

            // Kill points: early (few pods), in the middle, and once some workflows are done; each time a new
            // controller takes over from what the status says and what the pods did meanwhile.
            int[] killAtPods = {8, 80, 160};
            TestingControllerProcess current = first;
            for (int atPods : killAtPods) {
                pods.await(atPods + " pods created", WAIT, w -> w.names().size() >= atPods ? Optional.of(true)
                        : Optional.empty());
                current.kill();
                current = start(options);
            }
            for (String name : kindOf.keySet()) {
                workflows.await(name, WAIT, "completed", ControllerPodsIT.label("workflows.argoproj.io/completed",
                        "true"));
            }
            Duration elapsed = Duration.between(created, Instant.now());

            assertThat(pods.createdTwice()).as("pods created more than once").isEmpty();
            List<String> wrong = new ArrayList<>();
            for (var e : kindOf.entrySet()) {
                JsonNode wf = workflows.get(e.getKey()).orElseThrow();
                JsonNode ref = reference.get(e.getValue());
                String got = shape(wf);
                String expected = shape(ref);
                if (!got.equals(expected)) {
                    wrong.add(e.getKey() + ": " + got + "\n   expected " + expected);
                }
            }
            assertThat(wrong).as("workflows that did not end as an uninterrupted run").isEmpty();
            assertThat(pods.all().values()).allSatisfy(p -> assertThat(p.path("metadata").path("labels")
                    .path(INSTANCE_LABEL).asText()).isEqualTo(instanceId));
            results.await("the task results to be deleted", WAIT, w -> w.all().isEmpty() ? Optional.of(true)
                    : Optional.empty());
            System.out.printf("crash test: %d workflows, %d pods, 3 SIGKILLs, all done %.1f s after creation%n",
                    kindOf.size(), pods.names().size(), elapsed.toMillis() / 1000.0);
        }
    }

    /** Phase, progress, and every node's display name, type, phase and result (ids, names and times aside). */
    private static String shape(JsonNode wf) {
        String name = wf.path("metadata").path("name").asText();
        String nodes = new TreeSet<>(toList(wf.path("status").path("nodes")).stream()
                .map(n -> n.path("displayName").asText().replace(name, "WF") + "/" + n.path("type").asText() + "/"
                        + n.path("phase").asText() + "/" + n.path("outputs").path("result").asText(""))
                .toList()).stream().collect(Collectors.joining(", "));
        return wf.path("status").path("phase").asText() + " " + wf.path("status").path("progress").asText() + " ["
                + nodes + "]";
    }

    private static List<JsonNode> toList(JsonNode object) {
        List<JsonNode> out = new ArrayList<>();
        object.forEach(out::add);
        return out;
    }

    @Test
    void withTwoReplicasOneActsAndTheOtherTakesOverWhenTheLeaderIsKilled(TestNamespace ns) throws Exception {
        Duration lease = Duration.ofSeconds(4);
        TestingControllerProcess.Options base = TestingControllerProcess.Options.plain().withInstanceId(instanceId);
        TestingControllerProcess a = start(base.elected("replica-a", lease));
        Await.until("replica-a to lead", WAIT, () -> a.leading() ? Optional.of(true) : Optional.empty());
        TestingControllerProcess b = start(base.elected("replica-b", lease));
        assertThat(b.leading()).isFalse();

        StringBuilder all = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            names.add("chain-" + i);
            all.append(workflow("chain", "chain-" + i)).append("---\n");
        }
        Path file = Files.writeString(dir.resolve("chains.yaml"), all);
        try (TestingKubeWatch pods = TestingKubeWatch.pods(hub.apiClient(), ns.name());
             TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), ns.name())) {
            hub.kubectl("create", "-n", ns.name(), "-f", file.toString());
            pods.await("6 pods created", WAIT, w -> w.names().size() >= 6 ? Optional.of(true) : Optional.empty());
            assertThat(b.log()).as("the replica that does not lead acts on nothing")
                    .doesNotContain("event=workflow.started").doesNotContain("event=step.");
            assertThat(b.leading()).isFalse();

            a.kill();
            Instant killed = Instant.now();
            Await.until("replica-b to take over", WAIT, () -> b.leading() ? Optional.of(true) : Optional.empty());
            Duration takeover = Duration.between(killed, Instant.now());
            for (String name : names) {
                JsonNode done = workflows.await(name, WAIT, "completed",
                        ControllerPodsIT.label("workflows.argoproj.io/completed", "true"));
                assertThat(done.path("status").path("phase").asText()).isEqualTo("Succeeded");
            }
            assertThat(pods.createdTwice()).isEmpty();
            assertThat(pods.names()).hasSize(names.size() * 4);
            System.out.printf("leader hand-over after SIGKILL: replica-b led %.1f s after the kill (lease %d s)%n",
                    takeover.toMillis() / 1000.0, lease.toSeconds());
        }
    }
}
