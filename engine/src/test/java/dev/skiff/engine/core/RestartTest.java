package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.spi.executor.StepRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
