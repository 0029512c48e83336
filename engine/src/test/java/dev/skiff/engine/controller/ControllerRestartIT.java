package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A controller killed at any moment (no lease released, no cleanup) and started again rebuilds its state from
 * the Workflow objects and the executor's steps: workflows finish, and no step is created twice.
 */
@Testbed
class ControllerRestartIT {

    /** 12 steps one after the other, then a fan-out of 10. */
    private static final String CHAIN = """
            metadata: {name: chain}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
            %s
                    - - {name: fan, template: say, withSequence: {count: "10"}}
                - name: say
                  container: {image: alpine, command: [echo], args: [hi]}
            """.formatted(java.util.stream.IntStream.range(0, 12)
                    .mapToObj(i -> "        - - {name: s" + i + ", template: say}")
                    .collect(java.util.stream.Collectors.joining("\n")));

    @Test
    void aControllerKilledAgainAndAgainMidRunFinishesEveryWorkflowWithoutStartingAStepTwice(TestbedCluster hub,
            TestNamespace ns) throws Exception {
        TestingWorkflows workflows = new TestingWorkflows(hub);
        TestingStepExecutor executor = new TestingStepExecutor();
        var config = TestingControllers.config(ns.name(), "");
        for (int i = 0; i < 3; i++) {
            workflows.create(ns.name(), CHAIN.replace("name: chain}", "name: chain-" + i + "}"));
        }
        int kills = 0;
        while (true) {
            Controller controller = TestingControllers.start(hub, config, executor, "run-" + kills, ns.name());
            long before = executor.creations().size();
            boolean finished = allFinished(workflows, ns.name());
            if (finished) {
                controller.close();
                break;
            }
            // Kill it once it has started a few more steps: somewhere between a status write and a start.
            long target = before + 3;
            Await.until("a few steps started", TestingWorkflows.TIMEOUT, () -> executor.creations().size() >= target
                    || allFinished(workflows, ns.name()) ? Optional.of(true) : Optional.empty());
            controller.kill();
            kills++;
            assertThat(kills).as("kills").isLessThan(40);
        }
        for (int i = 0; i < 3; i++) {
            ObjectNode done = workflows.awaitFinished(ns.name(), "chain-" + i);
            assertThat(TestingWorkflows.phase(done)).isEqualTo("Succeeded");
            assertThat(done.path("status").path("progress").asText()).isEqualTo("22/22");
        }
        System.out.println("controller killed " + kills + " times; steps created: " + executor.creations().size());
        assertThat(kills).isGreaterThanOrEqualTo(3);
        assertThat(executor.creations()).hasSize(66).allSatisfy((step, n) -> assertThat(n).as(step).isEqualTo(1));
    }

    private static boolean allFinished(TestingWorkflows workflows, String ns) throws ApiFailure {
        for (int i = 0; i < 3; i++) {
            var wf = workflows.get(ns, "chain-" + i);
            if (wf.isEmpty() || !"true".equals(TestingWorkflows.label(wf.get(), "workflows.argoproj.io/completed"))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aStepRunningWhileTheControllerIsDownIsAdoptedAndItsEndRecorded(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        TestingWorkflows workflows = new TestingWorkflows(hub);
        TestingStepExecutor executor = new TestingStepExecutor().on("hold", new TestingStepExecutor.Hold());
        var config = TestingControllers.config(ns.name(), "");
        Controller first = TestingControllers.start(hub, config, executor, "first", ns.name());
        workflows.create(ns.name(), ControllerIT.HELD.formatted("adopted"));
        workflows.await(ns.name(), "adopted", "A running", wf -> ControllerIT.nodeIn(wf, "A", "Running"));
        first.kill();
        assertThat(executor.release("hold", 0)).isEqualTo(1);

        Controller second = TestingControllers.start(hub, config, executor, "second", ns.name());
        try {
            ObjectNode done = workflows.awaitFinished(ns.name(), "adopted");
            assertThat(TestingWorkflows.phase(done)).isEqualTo("Succeeded");
            assertThat(executor.creations()).allSatisfy((step, n) -> assertThat(n).as(step).isEqualTo(1));
            assertThat(second.metrics().stepsStartedCount()).as("B and the exit handler").isEqualTo(2);
        } finally {
            second.close();
        }
    }
}
