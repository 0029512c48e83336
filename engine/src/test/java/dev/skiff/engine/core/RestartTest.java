package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The status is the state: a new reconciler built from a saved workflow carries on where the old one stopped. */
class RestartTest {

    private static final Instant T0 = TestingRun.T0;

    @Test
    void aReconcilerBuiltFromTheSavedStatusReattachesRunningStepsAndFinishes() {
        Workflow wf = WorkflowAdmission.admit(WorkflowCodec.read("""
                metadata: {name: restart}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: a, template: echo}
                          - {name: b, template: echo, depends: a}
                    - name: echo
                      container: {image: alpine}
                """, "r.yaml"), Map.of(), T0, new Random(1));
        WorkflowReconciler first = WorkflowReconciler.of(wf);
        List<StepRequest> started = starts(first.reconcile(List.of(), T0));
        assertThat(started).hasSize(1);
        String aNode = started.getFirst().nodeId();
        first.reconcile(List.of(new Observation.StepObserved(aNode, TestingSteps.running(T0))), T0);

        // The controller restarts: only the saved workflow (JSON) survives.
        Workflow saved = WorkflowCodec.read(WorkflowCodec.toJson(first.workflow()), "saved.json");
        WorkflowReconciler second = WorkflowReconciler.of(saved);
        List<StepRequest> reattached = starts(second.reconcile(List.of(), T0.plusSeconds(1)));
        assertThat(reattached).extracting(StepRequest::nodeId).containsExactly(aNode);
        assertThat(reattached.getFirst().ref()).isEqualTo(started.getFirst().ref());

        Reconciliation afterA = second.reconcile(List.of(new Observation.StepObserved(aNode,
                TestingSteps.finished(TestingSteps.Behaviour.ok(""), T0, T0.plusSeconds(2)))), T0.plusSeconds(2));
        List<StepRequest> bStarts = starts(afterA);
        assertThat(bStarts).extracting(StepRequest::nodeName).containsExactly("restart.b");
        Reconciliation done = second.reconcile(List.of(new Observation.StepObserved(bStarts.getFirst().nodeId(),
                TestingSteps.finished(TestingSteps.Behaviour.ok(""), T0.plusSeconds(2), T0.plusSeconds(3)))),
                T0.plusSeconds(3));
        assertThat(done.phase()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(second.status().nodes().get(aNode).phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(second.status().nodes()).hasSize(3);
        assertThat(second.workflow().labels()).containsEntry("workflows.argoproj.io/completed", "true")
                .containsEntry("workflows.argoproj.io/phase", "Succeeded");
    }

    /**
     * Found by the controller: a reconciler rebuilt from a status whose step group already existed never heard of
     * its step's end (the group had no owner for dirty tracking) and called the workflow stuck; and a report that
     * came with the rebuild, before the step's node was visited again, lost the step's stdout as result.
     */
    @Test
    void aReconcilerRebuiltBeforeEveryReconcileEndsAsOneThatNeverRestarts() {
        String[] workflows = {"""
                metadata: {name: steps-loops}
                spec:
                  entrypoint: main
                  onExit: bye
                  templates:
                    - name: main
                      steps:
                        - - {name: a, template: echo}
                        - - {name: b, template: echo, withItems: [1, 2, 3]}
                          - {name: c, template: inner}
                        - - {name: d, template: flaky}
                    - name: inner
                      dag:
                        tasks:
                          - {name: x, template: echo}
                          - {name: y, template: echo, depends: x, withSequence: {count: "2"}}
                          - {name: z, template: say, depends: y,
                             arguments: {parameters: [{name: text, value: "{{tasks.x.outputs.result}}"}]}}
                    - name: say
                      inputs: {parameters: [{name: text}]}
                      container: {image: alpine, command: [echo], args: ["{{inputs.parameters.text}}"]}
                    - name: flaky
                      retryStrategy: {limit: 2}
                      container: {image: alpine}
                    - name: echo
                      container: {image: alpine}
                    - name: bye
                      container: {image: alpine}
                """, """
                metadata: {name: dag-groups}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: a, template: echo, withItems: [1, 2]}
                          - {name: b, template: steps, depends: a}
                    - name: steps
                      steps: [[{name: s, template: echo}], [{name: t, template: echo}]]
                    - name: echo
                      container: {image: alpine}
                """};
        for (String yaml : workflows) {
            TestingSteps flakyOnce = new TestingSteps().on("flaky", r -> r.nodeName().endsWith("(0)")
                    ? TestingSteps.Behaviour.exit(1) : TestingSteps.Behaviour.ok(""));
            TestingRun plain = TestingRun.run(yaml, flakyOnce);
            TestingRun rebuilt = TestingRun.runRebuilding(yaml, new TestingSteps().on("flaky", r ->
                    r.nodeName().endsWith("(0)") ? TestingSteps.Behaviour.exit(1) : TestingSteps.Behaviour.ok("")));
            plain.assertPhase(WorkflowPhase.SUCCEEDED);
            rebuilt.assertPhase(WorkflowPhase.SUCCEEDED);
            assertThat(rebuilt.status.nodes()).isEqualTo(plain.status.nodes());
            assertThat(rebuilt.started).extracting(StepRequest::nodeId)
                    .containsExactlyInAnyOrderElementsOf(plain.started.stream().map(StepRequest::nodeId).toList());
        }
    }

    @Test
    void reconcilingAFinishedWorkflowChangesNothing() {
        TestingRun run = TestingRun.run("""
                metadata: {name: done}
                spec:
                  entrypoint: main
                  templates: [{name: main, container: {image: alpine}}]
                """, new TestingSteps());
        WorkflowReconciler again = WorkflowReconciler.of(WorkflowCodec.read(WorkflowCodec.toJson(run.workflow), "x"));
        Reconciliation r = again.reconcile(List.of(), T0.plusSeconds(100));
        assertThat(r.decisions()).isEmpty();
        assertThat(r.phase()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(again.status()).isEqualTo(run.status);
    }

    /**
     * After a restart the shell must never create a pod twice: a node recorded Running is re-attached
     * (StepExecutor.reattach: a missing pod ends it "pod deleted"), one recorded Pending is started again (Argo
     * re-creates the pod of a pending node), and the steps a reconciler creates itself are plain starts.
     */
    @Test
    void aRebuiltReconcilerReattachesNodesRecordedRunningAndStartsNodesRecordedPending() {
        Workflow wf = WorkflowAdmission.admit(WorkflowCodec.read("""
                metadata: {name: two}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: a, template: echo}
                          - {name: b, template: echo}
                    - name: echo
                      container: {image: alpine}
                """, "r.yaml"), Map.of(), T0, new Random(1));
        WorkflowReconciler first = WorkflowReconciler.of(wf);
        List<Decision.StartStep> started = startDecisions(first.reconcile(List.of(), T0));
        assertThat(started).extracting(Decision.StartStep::reattach).containsExactly(false, false);
        String aNode = started.get(0).request().nodeId();
        String bNode = started.get(1).request().nodeId();
        first.reconcile(List.of(new Observation.StepObserved(aNode, TestingSteps.running(T0))), T0);

        Workflow saved = WorkflowCodec.read(WorkflowCodec.toJson(first.workflow()), "saved.json");
        List<Decision.StartStep> again = startDecisions(WorkflowReconciler.of(saved).reconcile(List.of(),
                T0.plusSeconds(1)));
        assertThat(again).extracting(d -> d.request().nodeId() + "=" + d.reattach())
                .containsExactlyInAnyOrder(aNode + "=true", bNode + "=false");
    }

    /** Argo's assessNodeStatus keeps getPendingReason on a pending node, and clears it once the pod runs. */
    @Test
    void aPendingReportKeepsItsReasonAsTheNodeMessageUntilThePodRuns() {
        Workflow wf = WorkflowAdmission.admit(WorkflowCodec.read("""
                metadata: {name: pend}
                spec:
                  entrypoint: main
                  templates: [{name: main, container: {image: alpine}}]
                """, "r.yaml"), Map.of(), T0, new Random(1));
        WorkflowReconciler r = WorkflowReconciler.of(wf);
        String node = starts(r.reconcile(List.of(), T0)).getFirst().nodeId();
        String reason = "Unschedulable: 0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.";
        StepOutcome pending = new StepOutcome(StepPhase.PENDING, OptionalInt.empty(), Optional.empty(), Map.of(),
                reason, Optional.empty(), Optional.empty());
        r.reconcile(List.of(new Observation.StepObserved(node, pending)), T0.plusSeconds(1));
        assertThat(r.status().nodes().get(node).phase()).isEqualTo(NodePhase.PENDING);
        assertThat(r.status().nodes().get(node).message()).isEqualTo(reason);

        r.reconcile(List.of(new Observation.StepObserved(node, TestingSteps.running(T0))), T0.plusSeconds(2));
        assertThat(r.status().nodes().get(node).phase()).isEqualTo(NodePhase.RUNNING);
        assertThat(r.status().nodes().get(node).message()).isEmpty();
    }

    private static List<Decision.StartStep> startDecisions(Reconciliation r) {
        return r.decisions().stream().filter(d -> d instanceof Decision.StartStep)
                .map(d -> (Decision.StartStep) d).toList();
    }

    private static List<StepRequest> starts(Reconciliation r) {
        List<StepRequest> out = new ArrayList<>();
        r.decisions().forEach(d -> {
            if (d instanceof Decision.StartStep s) {
                out.add(s.request());
            }
        });
        return out;
    }
}
