package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.core.Observation;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepReportsTest {

    private static final WorkflowKey WF = new WorkflowKey("hub", "ns", "wf");
    private static final StepRef A = new StepRef("wf-a-1", new StepTarget("hub", "ns"));
    private static final StepRef B = new StepRef("wf-b-2", new StepTarget("hub", "ns"));
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private final List<WorkflowKey> enqueued = new ArrayList<>();
    private final StepReports reports = new StepReports(enqueued::add);

    private static String phaseOf(Observation o) {
        return ((Observation.StepObserved) o).nodeId() + ":" + ((Observation.StepObserved) o).outcome().phase();
    }

    @Test
    void aReportReachesItsWorkflowAndNodeAndOnlyTheLatestPerNodeIsKept() {
        reports.route(A, WF, "node-a");
        reports.route(B, WF, "node-b");
        reports.onChange(A, StepOutcome.pending());
        reports.onChange(B, StepOutcome.pending());
        reports.onChange(A, StepOutcome.error("lost", T));
        assertThat(enqueued).containsExactly(WF, WF, WF);
        assertThat(reports.drain(WF)).extracting(StepReportsTest::phaseOf)
                .containsExactly("node-b:PENDING", "node-a:ERROR");
        assertThat(reports.drain(WF)).isEmpty();
    }

    @Test
    void reportsOfStepsItDoesNotKnowAreDropped() {
        reports.onChange(A, StepOutcome.pending());
        assertThat(enqueued).isEmpty();
        assertThat(reports.drain(WF)).isEmpty();
    }

    @Test
    void reportsPutBackAfterAFailedWriteYieldToNewerOnes() {
        reports.route(A, WF, "node-a");
        reports.route(B, WF, "node-b");
        reports.onChange(A, StepOutcome.pending());
        reports.onChange(B, StepOutcome.pending());
        List<Observation> taken = reports.drain(WF);
        reports.onChange(B, StepOutcome.error("gone", T));
        reports.restore(WF, taken);
        assertThat(reports.drain(WF)).extracting(StepReportsTest::phaseOf)
                .containsExactly("node-a:PENDING", "node-b:ERROR");
    }

    @Test
    void aDeletedWorkflowsRoutesAndReportsAreForgotten() {
        reports.route(A, WF, "node-a");
        reports.onChange(A, StepOutcome.pending());
        reports.forget(WF);
        assertThat(reports.drain(WF)).isEmpty();
        reports.onChange(A, StepOutcome.pending());
        assertThat(reports.drain(WF)).isEmpty();
        assertThat(reports.routeCount()).isZero();
    }
}
