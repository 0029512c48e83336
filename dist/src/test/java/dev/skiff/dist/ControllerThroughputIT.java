package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures of {@code bin/skiff controller} with the real pod executor on the testbed (printed, not asserted: the
 * machine is shared): the gap between one step's pod ending and the next one's creation in a chain of real
 * argoexec pods, and how fast pods are created for many workflows at once (pods in the kubelet's instant mode).
 * What is asserted is correctness: every workflow Succeeded, every pod created once.
 */
@Testbed
class ControllerThroughputIT {

    private static final Duration WAIT = Duration.ofMinutes(5);

    @TempDir
    static Path shared;

    private static TestingControllerProcess controller;

    @TempDir
    Path dir;

    private TestbedCluster hub;

    @BeforeAll
    static void startController(TestbedCluster hub) throws Exception {
        TestingControllerSetup.installCrds(hub);
        controller = TestingControllerProcess.start(hub, shared.resolve("controller"),
                TestingControllerProcess.Options.plain());
    }

    @AfterAll
    static void stopController() throws Exception {
        if (controller != null) {
            controller.close();
        }
    }

    @BeforeEach
    void prepare(TestbedCluster hub, TestNamespace ns) {
        this.hub = hub;
        TestingControllerSetup.allowSteps(hub, ns.name());
    }

    @Test
    void aChainOfRealPodsGoesFromStepToStep(TestNamespace ns) throws Exception {
        int steps = 10;
        StringBuilder wf = new StringBuilder("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: chain}
                spec:
                  entrypoint: main
                  templates:
                  - name: echo
                    container: {image: alpine, command: [echo, hi]}
                  - name: main
                    steps:
                """);
        for (int i = 0; i < steps; i++) {
            wf.append("      - - {name: s").append(i).append(", template: echo}\n");
        }
        Path file = Files.writeString(dir.resolve("chain.yaml"), wf);
        try (TestingKubeWatch pods = TestingKubeWatch.pods(hub.apiClient(), ns.name());
             TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), ns.name())) {
            hub.kubectl("create", "-n", ns.name(), "-f", file.toString());
            JsonNode done = workflows.await("chain", WAIT, "completed",
                    ControllerPodsIT.label("workflows.argoproj.io/completed", "true"));

            assertThat(done.path("status").path("phase").asText()).isEqualTo("Succeeded");
            assertThat(pods.createdTwice()).isEmpty();
            // Pod k ended (first seen Succeeded) -> pod k+1 created (first seen at all), in creation order.
            List<TestingKubeWatch.Event> events = pods.events();
            List<String> order = events.stream().filter(e -> e.type().equals("ADDED")).map(e -> e.name())
                    .distinct().toList();
            assertThat(order).hasSize(steps);
            List<Long> gaps = new ArrayList<>();
            for (int i = 0; i + 1 < order.size(); i++) {
                Instant ended = firstSeen(events, order.get(i), "Succeeded");
                Instant next = firstSeen(events, order.get(i + 1), null);
                gaps.add(Duration.between(ended, next).toMillis());
            }
            List<Long> sorted = gaps.stream().sorted().toList();
            Instant first = firstSeen(events, order.getFirst(), null);
            Instant last = firstSeen(events, order.getLast(), "Succeeded");
            System.out.printf("chain of %d real pods: pod ended -> next pod created: median %d ms, max %d ms;"
                    + " first pod created -> last pod ended %.1f s%n", steps, sorted.get(sorted.size() / 2),
                    sorted.getLast(), Duration.between(first, last).toMillis() / 1000.0);
        }
    }

    private static Instant firstSeen(List<TestingKubeWatch.Event> events, String pod, String phase) {
        return events.stream().filter(e -> e.name().equals(pod))
                .filter(e -> phase == null || e.object().path("status").path("phase").asText().equals(phase))
                .map(TestingKubeWatch.Event::at).findFirst()
                .orElseThrow(() -> new AssertionError("no event of " + pod + " in phase " + phase));
    }

    @Test
    void manyOneStepWorkflowsAtOnceGetOnePodEach(TestNamespace ns) throws Exception {
        int count = 100;
        try (TestingKubeWatch pods = TestingKubeWatch.pods(hub.apiClient(), ns.name());
             TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), ns.name())) {
            // Created at once from 8 threads (kubectl would create them one after the other).
            okhttp3.OkHttpClient http = hub.apiClient().getHttpClient();
            String url = hub.apiClient().getBasePath() + "/apis/argoproj.io/v1alpha1/namespaces/" + ns.name()
                    + "/workflows";
            Instant start = Instant.now();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                List<java.util.concurrent.Future<Integer>> posts = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String body = """
                            {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "one-%d"},
                             "spec": {"entrypoint": "main",
                                      "podMetadata": {"annotations": {"skiff.dev/testbed-instant": "true"}},
                                      "templates": [{"name": "main",
                                                     "container": {"image": "alpine", "command": ["echo", "hi"]}}]}}
                            """.formatted(i);
                    posts.add(pool.submit(() -> {
                        try (okhttp3.Response r = http.newCall(new okhttp3.Request.Builder().url(url)
                                .post(okhttp3.RequestBody.create(body, okhttp3.MediaType.get("application/json")))
                                .build()).execute()) {
                            return r.code();
                        }
                    }));
                }
                for (var post : posts) {
                    assertThat(post.get()).isEqualTo(201);
                }
            }
            Instant created = Instant.now();
            workflows.await(count + " workflows Succeeded", WAIT, w -> w.all().values().stream()
                    .filter(ControllerPodsIT.label("workflows.argoproj.io/phase", "Succeeded")).count() == count
                    ? Optional.of(true) : Optional.empty());
            Instant done = Instant.now();

            assertThat(pods.names()).hasSize(count);
            assertThat(pods.createdTwice()).isEmpty();
            List<Instant> adds = pods.events().stream().filter(e -> e.type().equals("ADDED"))
                    .map(TestingKubeWatch.Event::at).sorted(Comparator.naturalOrder()).toList();
            double podSeconds = Duration.between(adds.getFirst(), adds.getLast()).toMillis() / 1000.0;
            System.out.printf("%d one-step workflows (instant pods): created through the API from 8 threads in %.1f s; all"
                    + " Succeeded %.1f s after the first was created; %d pods created within %.1f s (%.1f pods/s)%n", count,
                    Duration.between(start, created).toMillis() / 1000.0,
                    Duration.between(start, done).toMillis() / 1000.0, count, podSeconds,
                    (count - 1) / Math.max(podSeconds, 0.001));
            System.out.println("controller metrics: " + controller.metrics().lines()
                    .filter(l -> l.startsWith("skiff_status_writes_total") || l.startsWith("skiff_steps_started_total"))
                    .toList());
        }
    }
}
