package dev.skiff.executor.pod.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.executor.pod.PodExecutorFactory;
import dev.skiff.executor.pod.TestingRequests;
import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.executor.pod.kube.KubeApi;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestbedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Many steps at once: each pod is created exactly once, under the default write limit (QPS 20, burst 30).
 * Prints the rate it measured (a figure for the README, not an assertion). When the pods do not all come, the
 * failure says what the executor, the test's own watch and the API server each had.
 */
@Testbed
class PodCreationRateIT {

    private static final int STEPS = 100;

    @Test
    void aHundredStepsGetAHundredPodsEachOnce(TestbedCluster cluster, TestNamespace ns) throws Exception {
        TestingCluster hub = new TestingCluster(cluster);
        hub.installArgoCrds();
        String uid = hub.createWorkflow(ns.name(), "wf-many");
        List<StepRequest> requests = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            requests.add(TestingRequests.of("""
                    {"name": "main", "metadata": {"annotations": {"skiff.dev/testbed-instant": "true"}},
                     "container": {"image": "registry.invalid/step:1", "command": ["true"]}}""")
                    .workflow("wf-many", uid).workflowPlace("hub", ns.name()).target("hub", ns.name())
                    .node("wf-many[0].s(" + i + ")", "wf-many-" + i, "wf-many-main-" + i).build());
        }
        Map<StepRef, StepOutcome> reported = new ConcurrentHashMap<>();
        try (PodCreations creations = new PodCreations(hub.admin, ns.name());
             StepExecutor executor = new PodExecutorFactory().create(hub.executorConfig(), new TestingExecutorContext(
                     Map.of("hub", hub.credentials(cluster.staticToken(TestbedCluster.ADMIN_USER)))))) {
            long start = System.nanoTime();
            for (StepRequest r : requests) {
                executor.start(r, reported::put);
            }
            long startCalls = System.nanoTime() - start;
            try {
                Await.until(STEPS + " pods", Duration.ofMinutes(3), () -> creations.total() >= STEPS
                        ? Optional.of(true) : Optional.empty());
            } catch (TestbedException timedOut) {
                throw new AssertionError(timedOut.getMessage() + "\n" + state(hub, ns.name(), creations, executor,
                        reported), timedOut);
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            for (int i = 0; i < STEPS; i++) {
                assertThat(creations.count("wf-many-main-" + i)).as("creations of pod %d", i).isEqualTo(1);
            }
            System.err.printf("pod-executor creation rate: %d pods in %.2f s = %.1f pods/s (start() calls took %.1f ms"
                    + " in all); %s; %s%n", STEPS, seconds, STEPS / seconds, startCalls / 1e6, creations,
                    terminatedWatchers(cluster));
        }
    }

    /**
     * How many pod watchers the API server has dropped for reading too slowly
     * ({@code apiserver_terminated_watchers_total}): each one a watch its client must open again.
     */
    private static String terminatedWatchers(TestbedCluster cluster) {
        try {
            return "watchers of pods the API server dropped as unresponsive: " + cluster.kubectl("get", "--raw",
                    "/metrics").lines().filter(l -> l.startsWith("apiserver_terminated_watchers_total")
                    && l.contains("resource=\"pods\"")).map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .findFirst().orElse("0");
        } catch (RuntimeException e) {
            return "the API server's metrics cannot be read: " + e.getMessage();
        }
    }

    /** Who saw what: the executor's own state, its reports, the test's watch, a fresh list, the threads. */
    private static String state(TestingCluster hub, String namespace, PodCreations creations, StepExecutor executor,
                                Map<StepRef, StepOutcome> reported) {
        Map<String, Integer> phases = new TreeMap<>();
        Map<String, Integer> messages = new TreeMap<>();
        reported.values().forEach(o -> {
            phases.merge(o.phase().name(), 1, Integer::sum);
            if (!o.message().isEmpty()) {
                messages.merge(o.message(), 1, Integer::sum);
            }
        });
        String listed;
        try {
            List<Object> items = JsonTree.list(hub.admin.list(KubeApi.collection("v1", namespace, "pods"), Map.of())
                    .get("items"));
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < STEPS && missing.size() < 10; i++) {
                String name = "wf-many-main-" + i;
                if (items.stream().noneMatch(p -> name.equals(JsonTree.text(JsonTree.at(p, "metadata", "name"))))) {
                    missing.add(name);
                }
            }
            listed = items.size() + " pods listed now; missing (first 10): " + missing;
        } catch (Exception e) {
            listed = "listing the pods failed: " + e;
        }
        return executor + "\n" + terminatedWatchers(hub.cluster) + "\nlast reports of " + reported.size() + " of " + STEPS + " steps: " + phases
                + ", messages " + messages + "\n" + creations + "\n" + listed + "\nthreads:\n"
                + TestingThreadSummary.of(List.of("skiff-pod-", "informer-", "controller-reflector-", "pod-creations"));
    }
}
