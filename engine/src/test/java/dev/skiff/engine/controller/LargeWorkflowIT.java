package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A workflow whose status is larger than 1 MiB is stored as Argo stores it ({@code status.compressedNodes}),
 * read back from that form when the controller must rebuild, and finishes; a long chain of steps measures the
 * step-to-step gap and the sync rate with an executor whose steps end at once.
 */
@Testbed
class LargeWorkflowIT {

    @Test
    void aStatusAboveOneMibIsStoredCompressedReadBackAndFinished(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        TestingWorkflows workflows = new TestingWorkflows(hub);
        TestingStepExecutor executor = new TestingStepExecutor().on("hold", new TestingStepExecutor.Hold());
        Controller controller = TestingControllers.start(hub, TestingControllers.config(ns.name(), ""), executor,
                "large", ns.name());
        try {
            workflows.create(ns.name(), """
                    metadata: {name: wide}
                    spec:
                      entrypoint: main
                      templates:
                        - name: main
                          steps:
                            - - {name: a-step-with-a-rather-long-name-to-make-the-status-big, template: hold,
                                 withSequence: {count: "3000"}}
                        - name: hold
                          container: {image: alpine, command: [sleep], args: ["1"]}
                    """);
            ObjectNode compressed = workflows.await(ns.name(), "wide", "its nodes compressed",
                    wf -> wf.path("status").path("compressedNodes").isTextual());
            assertThat(compressed.path("status").has("nodes")).isFalse();
            assertThat(KubeJson.JSON.writeValueAsBytes(compressed).length).isLessThan(1024 * 1024);
            assertThat(CompressedNodes.expand(compressed.deepCopy()).path("status").path("nodes").size())
                    .isEqualTo(3002);
            Await.until("3000 steps running", TestingWorkflows.TIMEOUT, () -> executor.running("hold") == 3000
                    ? Optional.of(true) : Optional.empty());

            // Someone labels it: the controller must rebuild from the compressed form.
            String patched = workflows.patch(ns.name(), "wide", "{\"metadata\":{\"labels\":{\"poke\":\"1\"}}}")
                    .path("metadata").path("resourceVersion").asText();
            WorkflowKey key = new WorkflowKey("hub", ns.name(), "wide");
            Await.until("the controller to rebuild from the compressed object", TestingWorkflows.TIMEOUT,
                    () -> controller.sessionVersion(key).filter(patched::equals));
            long syncs = controller.metrics().syncCount();
            long writes = controller.metrics().statusWriteCount("written");
            long start = System.nanoTime();
            executor.release("hold", 0);
            ObjectNode done = workflows.awaitFinished(ns.name(), "wide");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(TestingWorkflows.phase(done)).isEqualTo("Succeeded");
            assertThat(done.path("status").path("progress").asText()).isEqualTo("3000/3000");
            assertThat(executor.creations()).hasSize(3000).allSatisfy((step, n) -> assertThat(n).isEqualTo(1));
            System.out.println("3000 parallel steps ending at once: finished " + took.toMillis() + " ms after the"
                    + " release, " + (controller.metrics().syncCount() - syncs) + " syncs, "
                    + (controller.metrics().statusWriteCount("written") - writes) + " compressed status writes");
        } finally {
            controller.close();
        }
    }

    @Test
    void aChainOfStepsMovesOnAsSoonAsAStepEnds(TestbedCluster hub, TestNamespace ns) throws Exception {
        TestingWorkflows workflows = new TestingWorkflows(hub);
        TestingStepExecutor executor = new TestingStepExecutor();
        Controller controller = TestingControllers.start(hub, TestingControllers.config(ns.name(), ""), executor,
                "chain", ns.name());
        try {
            StringBuilder steps = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                steps.append("        - - {name: s").append(i).append(", template: say}\n");
            }
            long syncsBefore = controller.metrics().syncCount();
            long start = System.nanoTime();
            workflows.create(ns.name(), """
                    metadata: {name: chain}
                    spec:
                      entrypoint: main
                      templates:
                        - name: main
                          steps:
                    %s
                        - name: say
                          container: {image: alpine, command: [echo], args: [hi]}
                    """.formatted(steps));
            ObjectNode done = workflows.awaitFinished(ns.name(), "chain");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(TestingWorkflows.phase(done)).isEqualTo("Succeeded");
            var created = executor.createdAt();
            assertThat(created).hasSize(40);
            long[] gaps = new long[39];
            for (int i = 1; i < 40; i++) {
                gaps[i - 1] = (created.get(i) - created.get(i - 1)) / 1_000_000;
            }
            java.util.Arrays.sort(gaps);
            long syncs = controller.metrics().syncCount() - syncsBefore;
            System.out.printf("40 steps in a chain: %.2f s; step-to-step gap median %d ms, max %d ms;"
                    + " %d syncs (%.1f syncs/s)%n", seconds, gaps[19], gaps[38], syncs, syncs / seconds);
        } finally {
            controller.close();
        }
    }

    @Test
    void aHundredOneStepWorkflowsAtOnce(TestbedCluster hub, TestNamespace ns) throws Exception {
        TestingWorkflows workflows = new TestingWorkflows(hub);
        TestingStepExecutor executor = new TestingStepExecutor();
        Controller controller = TestingControllers.start(hub, TestingControllers.config(ns.name(), ""), executor,
                "many", ns.name());
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                workflows.create(ns.name(), """
                        metadata: {name: one-%d}
                        spec:
                          entrypoint: main
                          templates: [{name: main, container: {image: alpine, command: [echo], args: [hi]}}]
                        """.formatted(i));
            }
            double created = (System.nanoTime() - start) / 1e9;
            for (int i = 0; i < 100; i++) {
                assertThat(TestingWorkflows.phase(workflows.awaitFinished(ns.name(), "one-" + i)))
                        .isEqualTo("Succeeded");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long syncs = controller.metrics().syncCount();
            long writes = controller.metrics().statusWriteCount("written");
            System.out.printf("100 one-step workflows (created within %.1f s): all Succeeded after %.1f s;"
                    + " %d syncs (%.1f/s), %d status writes (%.1f/s) at qps 20 / burst 30%n", created, seconds,
                    syncs, syncs / seconds, writes, writes / seconds);
        } finally {
            controller.close();
        }
    }
}
