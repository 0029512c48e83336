package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.WorkflowPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.shutdown} (Stop, Terminate) and {@code spec.suspend} set from outside while a workflow runs, as a
 * controller sees them: the reconciler is rebuilt from the patched workflow. Expectations from Argo's
 * {@code workflow/controller/operator.go} (operate, failNodesWithoutCreatedPodsAfterDeadlineOrShutdown),
 * {@code exec_control.go}, {@code workflowpod.go} (createWorkflowPod's shutdown guard), {@code exit_handler.go}
 * and the e2e tests {@code test/e2e/signals_test.go} (TestStopBehavior, TestTerminateBehavior,
 * TestDoNotCreatePodsUnderStopBehavior).
 */
class ShutdownAndSuspendTest {

    private static final Instant T0 = TestingRun.T0;

    /** Argo's test/e2e/functional/stop-terminate.yaml, with an exit handler that takes a while. */
    private static final String STOP_TERMINATE = """
            metadata: {name: stop-terminate}
            spec:
              entrypoint: main
              onExit: exit
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: A, template: echo, onExit: exit-template}
                - name: echo
                  container: {image: argoproj/argosay:v1, command: [sleep], args: ["999"]}
                - name: exit
                  container: {image: argoproj/argosay:v1}
                - name: exit-template
                  container: {image: argoproj/argosay:v1, command: [sleep], args: ["5"]}
            """;

    /** Argo's test/e2e/functional/stop-terminate-2.yaml. */
    private static final String STEPS_A_THEN_B = """
            metadata: {name: stop-terminate-2}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: A, template: sleep}
                    - - {name: B, template: pass}
                - name: sleep
                  container: {image: argoproj/argosay:v1, command: [sleep], args: ["999"]}
                - name: pass
                  container: {image: argoproj/argosay:v1}
            """;

    private static TestingSteps sleeping() {
        return new TestingSteps().on("echo", TestingSteps.Behaviour.ok("").taking(Duration.ofSeconds(999)))
                .on("sleep", TestingSteps.Behaviour.ok("").taking(Duration.ofSeconds(999)))
                .on("exit-template", TestingSteps.Behaviour.ok("").taking(Duration.ofSeconds(5)));
    }

    private static Map.Entry<Instant, Consumer<ObjectNode>> at(int seconds, Consumer<ObjectNode> patch) {
        return Map.entry(T0.plusSeconds(seconds), patch);
    }

    private static Consumer<ObjectNode> shutdown(String strategy) {
        return spec -> spec.put("shutdown", strategy);
    }

    private static TestingRun run(String yaml, TestingSteps steps, List<Map.Entry<Instant, Consumer<ObjectNode>>> p) {
        return TestingRun.run(yaml, steps, Map.of(), List.of(), p);
    }

    @Test
    void stopStopsTheRunningStepButRunsEveryExitHandler() {
        TestingRun run = run(STOP_TERMINATE, sleeping(), List.of(at(10, shutdown("Stop"))));

        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.status.message()).isEqualTo("Stopped with strategy 'Stop'");
        assertThat(run.node("A").phase()).isEqualTo(NodePhase.FAILED);
        // exec_control.go: applyExecutionControl's message has two spaces.
        assertThat(run.node("A").message()).isEqualTo("workflow shutdown with strategy:  Stop");
        assertThat(run.stopped).containsExactly(run.node("A").id());
        assertThat(run.node("A.onExit").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.nodeByName("stop-terminate.onExit").phase()).isEqualTo(NodePhase.SUCCEEDED);
    }

    @Test
    void terminateStopsTheRunningStepAndRunsNoExitHandler() {
        TestingRun run = run(STOP_TERMINATE, sleeping(), List.of(at(10, shutdown("Terminate"))));

        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.status.message()).isEqualTo("Stopped with strategy 'Terminate'");
        assertThat(run.node("A").message()).isEqualTo("workflow shutdown with strategy:  Terminate");
        assertThat(run.status.node("stop-terminate.A.onExit")).isEmpty();
        assertThat(run.status.node("stop-terminate.onExit")).isEmpty();
        assertThat(run.started).extracting(r -> r.templateName()).containsExactly("echo");
    }

    @Test
    void terminateAlsoStopsAnExitHandlerThatIsRunning() {
        TestingSteps steps = sleeping().on("echo", TestingSteps.Behaviour.ok("").taking(Duration.ofSeconds(2)))
                .on("exit-template", TestingSteps.Behaviour.ok("").taking(Duration.ofSeconds(100)));
        TestingRun run = run(STOP_TERMINATE, steps, List.of(at(10, shutdown("Terminate"))));

        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.node("A").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.node("A.onExit").phase()).isEqualTo(NodePhase.FAILED);
        assertThat(run.node("A.onExit").message()).isEqualTo("workflow shutdown with strategy:  Terminate");
        assertThat(run.status.message()).isEqualTo("Stopped with strategy 'Terminate'");
    }

    @Test
    void stopCreatesNoPodForTheNextStep() {
        TestingRun run = run(STEPS_A_THEN_B, sleeping(), List.of(at(10, shutdown("Stop"))));

        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.node("A").phase()).isEqualTo(NodePhase.FAILED);
        assertThat(run.status.nodeByDisplayName("B")).isEmpty();
        assertThat(run.started).extracting(r -> r.templateName()).containsExactly("sleep");
    }

    @Test
    void aWorkflowShutDownBeforeItStartsCreatesNoPod() {
        TestingRun run = TestingRun.run(STEPS_A_THEN_B.replace("  entrypoint: main", "  entrypoint: main\n  shutdown: Stop"),
                sleeping());

        run.assertPhase(WorkflowPhase.FAILED);
        // workflowpod.go: createWorkflowPod's guard (one space).
        assertThat(run.node("A").message()).isEqualTo("workflow shutdown with strategy: Stop");
        assertThat(run.status.message()).isEqualTo("Stopped with strategy 'Stop'");
        assertThat(run.started).isEmpty();
    }

    @Test
    void shutdownFailsASuspendedNodeAndARetryNodeWithArgosMessage() {
        TestingRun run = run("""
                metadata: {name: held}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: approve, template: approve}
                          - {name: flaky, template: flaky}
                    - name: approve
                      suspend: {}
                    - name: flaky
                      retryStrategy: {limit: 3, backoff: {duration: "100"}}
                      container: {image: alpine}
                """, new TestingSteps().on("flaky", TestingSteps.Behaviour.exit(1)), List.of(at(10, shutdown("Stop"))));

        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.node("approve").message()).isEqualTo("Stopped with strategy 'Stop'");
        assertThat(run.node("flaky").phase()).isEqualTo(NodePhase.FAILED);
        assertThat(run.node("flaky").message()).isEqualTo("Stopped with strategy 'Stop'");
        assertThat(run.started).hasSize(1);
    }

    @Test
    void aSuspendedWorkflowStartsNothingUntilResumedWhileRunningStepsGoOn() {
        TestingRun run = run("""
                metadata: {name: suspended}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: A, template: work}
                        - - {name: B, template: work, arguments: {parameters: [{name: text, value: "{{steps.A.outputs.result}}"}]}}
                    - name: work
                      inputs: {parameters: [{name: text, default: a}]}
                      container: {image: alpine, command: [echo], args: ["{{inputs.parameters.text}}"]}
                """, new TestingSteps().on("work", r -> TestingSteps.Behaviour.ok("out of " + r.command().args())
                        .taking(Duration.ofSeconds(10))),
                List.of(at(5, spec -> spec.put("suspend", true)), at(30, spec -> spec.remove("suspend"))));

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.node("A").finishedAt()).contains(T0.plusSeconds(10));
        // A ended while suspended, in a reconciler that never walked it: its result is kept all the same.
        assertThat(run.node("A").outputs().orElseThrow().result()).contains("out of [a]");
        assertThat(run.node("B").inputs().orElseThrow().parameters().getFirst().value()).contains("out of [a]");
        assertThat(run.node("B").startedAt()).contains(T0.plusSeconds(30));
        assertThat(run.started).hasSize(2);
    }

    @Test
    void aWorkflowSubmittedSuspendedIsRunningWithoutNodesUntilResumed() {
        String yaml = """
                metadata: {name: held-back}
                spec:
                  entrypoint: main
                  suspend: true
                  templates:
                    - name: main
                      container: {image: alpine}
                """;
        var wf = WorkflowAdmission.admit(dev.skiff.engine.model.WorkflowCodec.read(yaml, "t.yaml"), Map.of(), T0,
                new java.util.Random(1));
        WorkflowReconciler reconciler = WorkflowReconciler.of(wf);
        Reconciliation first = reconciler.reconcile(List.of(), T0);
        assertThat(first.phase()).isEqualTo(WorkflowPhase.RUNNING);
        assertThat(first.decisions()).isEmpty();
        assertThat(reconciler.status().nodes()).isEmpty();
        // Nothing runs and nothing is scheduled, yet the workflow is not stuck: it waits for the resume.
        assertThat(reconciler.reconcile(List.of(), T0.plusSeconds(3600)).phase()).isEqualTo(WorkflowPhase.RUNNING);

        TestingRun resumed = TestingRun.run(yaml, new TestingSteps(), Map.of(), List.of(),
                List.of(at(60, spec -> spec.put("suspend", false))));
        resumed.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(resumed.node("held-back").startedAt()).contains(T0.plusSeconds(60));
    }

    @Test
    void theDeadlineStopsStepsOfASuspendedWorkflowWhichEndsOnceResumed() {
        TestingRun run = run("""
                metadata: {name: late}
                spec:
                  entrypoint: main
                  activeDeadlineSeconds: 20
                  templates:
                    - name: main
                      steps: [[{name: A, template: sleep}]]
                    - name: sleep
                      container: {image: alpine}
                """, sleeping(), List.of(at(5, spec -> spec.put("suspend", true)),
                at(100, spec -> spec.remove("suspend"))));

        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.node("A").message()).isEqualTo("Step exceeded its deadline");
        assertThat(run.node("A").finishedAt()).contains(T0.plusSeconds(21));
        // operator.go returns while suspended, so the workflow only ends once it is resumed.
        assertThat(run.status.finishedAt()).contains(T0.plusSeconds(100));
    }
}
