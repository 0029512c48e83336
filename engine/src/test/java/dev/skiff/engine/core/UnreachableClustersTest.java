package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A cluster that does not answer, as the reconciler sees it (reachability is its input, like step reports): the
 * nodes placed there keep their phase with a message, others go on, the message goes when the cluster is back, and
 * past the timeout the nodes end Error and the workflow carries on as after any failed node.
 */
class UnreachableClustersTest {

    private static final Instant T0 = TestingRun.T0;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ClusterOutage SPOKE2_DOWN = new ClusterOutage("spoke2", T0.plusSeconds(1),
            "ConnectException: Failed to connect to /127.0.0.1:20003");

    private static final String FAN_OUT = """
            metadata: {name: outage}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: far, template: far}
                  - {name: near, template: near}
                  - {name: after, template: near, dependencies: [near]}
              - name: far
                cluster: spoke2
                namespace: remote2
                %s
                container: {image: alpine}
              - name: near
                cluster: spoke1
                container: {image: alpine}
            """;

    private static WorkflowReconciler reconciler(String retry) {
        return WorkflowReconciler.of(WorkflowAdmission.admit(WorkflowCodec.read(FAN_OUT.formatted(retry), "t.yaml"),
                Map.of(), T0, new Random(7)));
    }

    private static final class Drive {
        final WorkflowReconciler reconciler;
        final List<Decision> decisions = new ArrayList<>();

        Drive(WorkflowReconciler reconciler) {
            this.reconciler = reconciler;
        }

        Reconciliation at(Instant now, Observation... observations) {
            Reconciliation r = reconciler.reconcile(List.of(observations), now);
            decisions.addAll(r.decisions());
            return r;
        }

        StepRequest started(String displayName) {
            return decisions.stream().filter(d -> d instanceof Decision.StartStep).map(d -> ((Decision.StartStep) d)
                    .request()).filter(r -> node(r.nodeId()).displayName().equals(displayName)).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no step " + displayName + " started"));
        }

        NodeStatus node(String id) {
            return reconciler.status().nodes().get(id);
        }

        NodeStatus byName(String displayName) {
            return reconciler.status().nodes().values().stream().filter(n -> n.displayName().equals(displayName))
                    .reduce((a, b) -> b).orElseThrow();
        }

        Observation report(String displayName, StepPhase phase) {
            Instant at = T0;
            return new Observation.StepObserved(started(displayName).nodeId(), new StepOutcome(phase,
                    phase.isDone() ? OptionalInt.of(0) : OptionalInt.empty(), Optional.empty(), Map.of(), "",
                    Optional.of(at), phase.isDone() ? Optional.of(at) : Optional.empty()));
        }
    }

    private static Observation.Reachability down(ClusterOutage... outages) {
        Map<String, ClusterOutage> byName = new java.util.LinkedHashMap<>();
        for (ClusterOutage o : outages) {
            byName.put(o.cluster(), o);
        }
        return new Observation.Reachability(byName, TIMEOUT);
    }

    @Test
    void nodesInAnUnreachableClusterKeepTheirPhaseWithAMessageWhileOthersCarryOnAndTheMessageGoesWhenItIsBack() {
        Drive run = new Drive(reconciler(""));
        run.at(T0);
        run.at(T0.plusSeconds(1), run.report("far", StepPhase.RUNNING), run.report("near", StepPhase.RUNNING));

        Reconciliation r = run.at(T0.plusSeconds(2), down(SPOKE2_DOWN));

        assertThat(r.changed()).isTrue();
        NodeStatus far = run.byName("far");
        assertThat(far.phase()).isEqualTo(NodePhase.RUNNING);
        assertThat(far.message()).isEqualTo("cluster spoke2 unreachable since 2026-01-01T00:00:01Z:"
                + " ConnectException: Failed to connect to /127.0.0.1:20003");
        assertThat(r.decisions()).contains(new Decision.WakeAt(SPOKE2_DOWN.since().plus(TIMEOUT)));
        // spoke1's steps go on, and the next one starts, while spoke2 does not answer.
        run.at(T0.plusSeconds(3), down(SPOKE2_DOWN), run.report("near", StepPhase.SUCCEEDED));
        assertThat(run.byName("near").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.started("after").ref().target().cluster()).isEqualTo("spoke1");
        assertThat(run.byName("after").message()).isEmpty();
        // Told the same again: nothing to write.
        assertThat(run.at(T0.plusSeconds(4), down(SPOKE2_DOWN)).changed()).isFalse();

        run.at(T0.plusSeconds(5), down());
        assertThat(run.byName("far").phase()).isEqualTo(NodePhase.RUNNING);
        assertThat(run.byName("far").message()).isEmpty();
        run.at(T0.plusSeconds(6), down(), run.report("far", StepPhase.SUCCEEDED), run.report("after",
                StepPhase.SUCCEEDED));
        assertThat(run.reconciler.phase()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(run.decisions.stream().filter(d -> d instanceof Decision.StartStep)).hasSize(3);
    }

    @Test
    void aPendingNodeWhosePodCannotBeCreatedSaysItsClusterIsUnreachable() {
        Drive run = new Drive(reconciler(""));
        run.at(T0);
        run.at(T0.plusSeconds(2), down(SPOKE2_DOWN), new Observation.StepObserved(run.started("far").nodeId(),
                new StepOutcome(StepPhase.PENDING, OptionalInt.empty(), Optional.empty(), Map.of(),
                        "cannot reach the API server: ConnectException: refused", Optional.empty(), Optional.empty())));

        assertThat(run.byName("far").phase()).isEqualTo(NodePhase.PENDING);
        assertThat(run.byName("far").message()).startsWith("cluster spoke2 unreachable since 2026-01-01T00:00:01Z: ");
    }

    @Test
    void pastTheTimeoutTheNodesEndErrorNamingTheClusterAndTheTimeoutAndTheWorkflowEndsAsAfterAnyErroredNode() {
        Drive run = new Drive(reconciler(""));
        run.at(T0);
        run.at(T0.plusSeconds(1), run.report("far", StepPhase.RUNNING), run.report("near", StepPhase.SUCCEEDED));
        run.at(T0.plusSeconds(2), down(SPOKE2_DOWN), run.report("after", StepPhase.SUCCEEDED));
        assertThat(run.byName("far").phase()).isEqualTo(NodePhase.RUNNING);

        // Woken at since + timeout (the WakeAt it asked for), the cluster still down.
        run.at(T0.plusSeconds(11), down(SPOKE2_DOWN));

        NodeStatus far = run.byName("far");
        assertThat(far.phase()).isEqualTo(NodePhase.ERROR);
        assertThat(far.message()).isEqualTo("cluster spoke2 unreachable for longer than clusterUnreachableTimeout 10s"
                + " (since 2026-01-01T00:00:01Z): ConnectException: Failed to connect to /127.0.0.1:20003");
        assertThat(far.finishedAt()).isPresent();
        // As after a pod deleted under a node: the DAG, and with it the workflow, ends Error.
        assertThat(run.reconciler.phase()).isEqualTo(WorkflowPhase.ERROR);
    }

    @Test
    void aNodeFailedByTheTimeoutIsRetriedAndTheRetryRunsOnceTheClusterIsBack() {
        Drive run = new Drive(reconciler("retryStrategy: {limit: 1, retryPolicy: Always}"));
        run.at(T0);
        run.at(T0.plusSeconds(1), run.report("near", StepPhase.SUCCEEDED));
        run.at(T0.plusSeconds(2), run.report("after", StepPhase.SUCCEEDED));
        String first = run.started("far(0)").nodeId();

        run.at(T0.plusSeconds(11), down(SPOKE2_DOWN));
        assertThat(run.node(first).phase()).isEqualTo(NodePhase.ERROR);
        assertThat(run.reconciler.phase()).isEqualTo(WorkflowPhase.RUNNING);
        // The retry (retryPolicy Always or OnError: Argo's default, OnFailure, leaves errors alone) is placed in
        // spoke2 again, with a timeout of its own.
        StepRequest retry = run.started("far(1)");
        assertThat(retry.ref().target().cluster()).isEqualTo("spoke2");
        assertThat(run.byName("far(1)").phase()).isEqualTo(NodePhase.PENDING);
        assertThat(run.byName("far(1)").message()).startsWith("cluster spoke2 unreachable since ");

        run.at(T0.plusSeconds(12), down());
        assertThat(run.byName("far(1)").message()).isEmpty();
        run.at(T0.plusSeconds(13), down(), run.report("far(1)", StepPhase.SUCCEEDED));
        assertThat(run.reconciler.phase()).isEqualTo(WorkflowPhase.SUCCEEDED);
    }

    @Test
    void theWorkflowsOwnClusterGoesByTheEmptyName() {
        Drive run = new Drive(WorkflowReconciler.of(WorkflowAdmission.admit(WorkflowCodec.read("""
                metadata: {name: home}
                spec:
                  entrypoint: main
                  templates:
                  - {name: main, container: {image: alpine}}
                """, "t.yaml"), Map.of(), T0, new Random(7))));
        run.at(T0);
        run.at(T0.plusSeconds(1), run.report("home", StepPhase.RUNNING));

        run.at(T0.plusSeconds(2), new Observation.Reachability(Map.of("", new ClusterOutage("in-cluster",
                T0.plusSeconds(1), "SocketTimeoutException: timeout")), TIMEOUT));

        assertThat(run.byName("home").message()).isEqualTo("cluster in-cluster unreachable since"
                + " 2026-01-01T00:00:01Z: SocketTimeoutException: timeout");
    }
}
