package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.WorkflowPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deadlines, timeouts, parallelism, suspend and stop: behaviour that depends on time or limits. */
class TimingTest {

    private static final Instant T0 = TestingRun.T0;

    private static TestingSteps slow(String template, int seconds) {
        return new TestingSteps().on(template, TestingSteps.Behaviour.ok("").taking(Duration.ofSeconds(seconds)));
    }

    @Test
    void workflowDeadlineStopsRunningStepsAndFailsTheWorkflow() {
        TestingRun run = TestingRun.run("""
                metadata: {name: deadline}
                spec:
                  entrypoint: main
                  activeDeadlineSeconds: 5
                  templates:
                    - name: main
                      steps: [[{name: sleep, template: sleep}]]
                    - name: sleep
                      container: {image: alpine, command: [sleep, "30"]}
                """, slow("sleep", 30));
        run.assertPhase(WorkflowPhase.FAILED);
        NodeStatus sleep = run.node("sleep");
        assertThat(sleep.phase()).isEqualTo(NodePhase.FAILED);
        assertThat(sleep.message()).isEqualTo("Step exceeded its deadline");
        assertThat(run.stopped).containsExactly(sleep.id());
        assertThat(run.started.getFirst().deadline()).contains(Duration.ofSeconds(10));
        assertThat(run.status.finishedAt()).contains(T0.plusSeconds(6));
        assertThat(run.status.message()).isEqualTo("child '" + sleep.id() + "' failed");
    }

    @Test
    void templateDeadlineAndTimeoutBoundTheStep() {
        TestingRun run = TestingRun.run("""
                metadata: {name: tmpl}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: a, template: ads}, {name: b, template: timeout}]]
                    - name: ads
                      activeDeadlineSeconds: 3
                      container: {image: alpine}
                    - name: timeout
                      timeout: 4s
                      container: {image: alpine}
                """, slow("ads", 30).on("timeout", TestingSteps.Behaviour.ok("").taking(Duration.ofSeconds(30))));
        run.assertPhase(WorkflowPhase.FAILED);
        // Argo's e2e (test/e2e/workflow_test.go) expects Kubernetes' message for pods past their deadline.
        assertThat(run.node("a").message()).isEqualTo("Pod was active on the node longer than the specified deadline");
        assertThat(run.node("b").message()).isEqualTo("Pod was active on the node longer than the specified deadline");
        assertThat(run.started).extracting(r -> r.deadline().orElseThrow())
                .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(4));
    }

    @Test
    void workflowParallelismLimitsRunningPods() {
        TestingRun run = TestingRun.run("""
                metadata: {name: par}
                spec:
                  entrypoint: main
                  parallelism: 2
                  templates:
                    - name: main
                      steps: [[{name: s, template: work, withSequence: {count: "5"}}]]
                    - name: work
                      container: {image: alpine}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.status.nodes().values().stream().filter(n -> n.type() == NodeType.POD)
                .map(n -> n.startedAt().orElseThrow()).sorted().toList())
                .containsExactly(T0, T0, T0.plusSeconds(1), T0.plusSeconds(1), T0.plusSeconds(2));
        assertThat(run.children(run.node("[0]"))).containsExactly("s(0:0)", "s(1:1)", "s(2:2)", "s(3:3)", "s(4:4)");
    }

    @Test
    void templateParallelismLimitsChildrenOfADag() {
        TestingRun run = TestingRun.run("""
                metadata: {name: tpar}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      parallelism: 1
                      dag:
                        tasks:
                          - {name: a, template: work}
                          - {name: b, template: work}
                          - {name: c, template: work}
                    - name: work
                      container: {image: alpine}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(List.of("a", "b", "c")).extracting(n -> run.node(n).startedAt().orElseThrow())
                .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2));
    }

    @Test
    void failFastStepsTemplateStopsAfterAFailure() {
        // Argo's e2e TestWorkflowParallelismStepFailFast.
        TestingRun run = TestingRun.run("""
                metadata: {name: parallelism-step-fail-fast}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      parallelism: 2
                      failFast: true
                      steps:
                        - - {name: step1, template: fail}
                          - {name: step2, template: sleep}
                    - name: fail
                      container: {image: alpine, command: [exit, "1"]}
                    - name: sleep
                      container: {image: alpine, command: [sleep, "5"]}
                """, new TestingSteps().on("fail", TestingSteps.Behaviour.exit(1)).on("sleep",
                TestingSteps.Behaviour.ok("").taking(Duration.ofSeconds(5))));
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.status.message()).isEqualTo("template has failed or errored children and failFast enabled");
        assertThat(run.node("[0]").phase()).isEqualTo(NodePhase.FAILED);
        assertThat(run.node("step1").phase()).isEqualTo(NodePhase.FAILED);
        assertThat(run.node("step2").phase()).isEqualTo(NodePhase.SUCCEEDED);
    }

    @Test
    void suspendWithDurationResumesItself() {
        TestingRun run = TestingRun.run("""
                metadata: {name: suspend}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: wait, template: wait}], [{name: after, template: work}]]
                    - name: wait
                      suspend: {duration: "20"}
                    - name: work
                      container: {image: alpine}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        NodeStatus wait = run.node("wait");
        assertThat(wait.type()).isEqualTo(NodeType.SUSPEND);
        assertThat(wait.phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(wait.finishedAt()).contains(T0.plusSeconds(21));
        assertThat(wait.progress()).isEqualTo("1/1");
        assertThat(run.status.progress()).isEqualTo("2/2");
    }

    @Test
    void indefiniteSuspendWaitsForResume() {
        TestingRun run = TestingRun.run("""
                metadata: {name: approve}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: approve, template: approve}]]
                    - name: approve
                      suspend: {}
                """, new TestingSteps(), Map.of(),
                List.of(Map.entry(T0.plusSeconds(100), new Observation.ResumeNode("approve"))));
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.nodeByName("approve[0].approve").finishedAt()).contains(T0.plusSeconds(100));
    }

    @Test
    void stopStopsRunningStepsButStillRunsTheExitHandler() {
        TestingRun run = TestingRun.run("""
                metadata: {name: stop}
                spec:
                  entrypoint: main
                  onExit: bye
                  templates:
                    - name: main
                      steps: [[{name: long, template: long}], [{name: never, template: bye}]]
                    - name: long
                      container: {image: alpine}
                    - name: bye
                      container: {image: alpine}
                """, slow("long", 60), Map.of(),
                List.of(Map.entry(T0.plusSeconds(10), new Observation.StopWorkflow("stopped by user"))));
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.status.message()).isEqualTo("stopped by user");
        assertThat(run.node("long").message()).isEqualTo("stopped by user");
        assertThat(run.nodeByName("stop.onExit").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.status.nodes().values()).extracting(NodeStatus::displayName).doesNotContain("never");
    }

    @Test
    void aStopLeavesARunningExitHandlerRunningAndATerminateStopsIt() {
        String yaml = """
                metadata: {name: term}
                spec:
                  entrypoint: main
                  onExit: bye
                  templates:
                    - name: main
                      container: {image: alpine}
                    - name: bye
                      steps: [[{name: cleanup, template: slow}], [{name: after, template: slow}]]
                    - name: slow
                      container: {image: alpine}
                """;
        TestingSteps steps = slow("slow", 60);

        TestingRun stopped = TestingRun.run(yaml, steps, Map.of(),
                List.of(Map.entry(T0.plusSeconds(10), new Observation.StopWorkflow("Stopped with strategy 'Stop'"))));
        TestingRun terminated = TestingRun.run(yaml, steps, Map.of(), List.of(
                Map.entry(T0.plusSeconds(10), new Observation.StopWorkflow("Stopped with strategy 'Stop'")),
                Map.entry(T0.plusSeconds(20), new Observation.StopWorkflow("Stopped with strategy 'Terminate'", true))));

        assertThat(stopped.node("cleanup").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(stopped.node("after").phase()).isEqualTo(NodePhase.SUCCEEDED);
        terminated.assertPhase(WorkflowPhase.FAILED);
        assertThat(terminated.stopped).hasSize(1);
        assertThat(terminated.node("cleanup").phase()).isEqualTo(NodePhase.FAILED);
        assertThat(terminated.node("cleanup").message()).isEqualTo("Stopped with strategy 'Terminate'");
        assertThat(terminated.status.nodes().values()).extracting(NodeStatus::displayName).doesNotContain("after");
    }

    @Test
    void aTerminateStartsNoExitHandler() {
        TestingRun run = TestingRun.run("""
                metadata: {name: term}
                spec:
                  entrypoint: main
                  onExit: bye
                  templates:
                    - name: main
                      container: {image: alpine}
                    - name: bye
                      container: {image: alpine}
                """, slow("main", 60), Map.of(),
                List.of(Map.entry(T0.plusSeconds(10), new Observation.StopWorkflow("Stopped with strategy 'Terminate'", true))));

        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.status.message()).isEqualTo("Stopped with strategy 'Terminate'");
        assertThat(run.status.nodes().values()).extracting(NodeStatus::name).doesNotContain("term.onExit");
    }
}
