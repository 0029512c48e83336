package dev.skiff.executor.pod.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.executor.pod.PodExecutorFactory;
import dev.skiff.executor.pod.TestingRequests;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepRequest;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Many steps at once: each pod is created exactly once, under the default write limit (QPS 20, burst 30).
 * Prints the rate it measured (a figure for the README, not an assertion).
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
        try (PodCreations creations = new PodCreations(hub.admin, ns.name());
             StepExecutor executor = new PodExecutorFactory().create(hub.executorConfig(), new TestingExecutorContext(
                     Map.of("hub", hub.credentials(cluster.staticToken(TestbedCluster.ADMIN_USER)))))) {
            long start = System.nanoTime();
            for (StepRequest r : requests) {
                executor.start(r, (ref, outcome) -> { });
            }
            long startCalls = System.nanoTime() - start;
            Await.until(STEPS + " pods", Duration.ofMinutes(3), () -> creations.total() >= STEPS
                    ? Optional.of(true) : Optional.empty());
            double seconds = (System.nanoTime() - start) / 1e9;

            for (int i = 0; i < STEPS; i++) {
                assertThat(creations.count("wf-many-main-" + i)).as("creations of pod %d", i).isEqualTo(1);
            }
            System.err.printf("pod-executor creation rate: %d pods in %.2f s = %.1f pods/s (start() calls took %.1f ms"
                    + " in all)%n", STEPS, seconds, STEPS / seconds, startCalls / 1e6);
        }
    }
}
