package dev.skiff.executor.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.executor.pod.outcome.PodView;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** How a tracked step reports: every change once, nothing after the end, never back to pending. */
class TrackedStepTest {

    private final List<StepOutcome> seen = new ArrayList<>();
    private final TrackedStep step = new TrackedStep(TestingRequests.of(
            "{\"name\": \"t\", \"container\": {\"image\": \"a\", \"command\": [\"x\"]}}").build(),
            (ref, outcome) -> seen.add(outcome), false);

    @Test
    void anUnchangedOutcomeIsReportedOnce() {
        step.report(StepOutcome.pending());
        step.report(StepOutcome.pending());

        assertThat(seen).hasSize(1);
    }

    @Test
    void nothingIsReportedAfterTheEnd() {
        step.report(StepOutcome.error("boom", Instant.EPOCH));
        step.report(running());

        assertThat(seen).extracting(StepOutcome::phase).containsExactly(StepPhase.ERROR);
        assertThat(step.finished()).isTrue();
    }

    @Test
    void aLatePendingDoesNotOverwriteRunning() {
        step.report(running());
        step.reportWhilePending(StepOutcome.pending());

        assertThat(seen).extracting(StepOutcome::phase).containsExactly(StepPhase.RUNNING);
    }

    @Test
    void aNewListenerHearsTheCurrentStateAtOnce() {
        step.report(running());
        List<StepOutcome> second = new ArrayList<>();

        step.replaceListener((ref, outcome) -> second.add(outcome));

        assertThat(second).extracting(StepOutcome::phase).containsExactly(StepPhase.RUNNING);
    }

    @Test
    void aStopIsRequestedOnceAndAdvancesOnlyForward() {
        assertThat(step.requestStop("stop")).isTrue();
        assertThat(step.requestStop("again")).isFalse();
        assertThat(step.advanceStop(TrackedStep.StopStage.TERMINATED)).isTrue();
        assertThat(step.advanceStop(TrackedStep.StopStage.POD_DELETED)).isFalse();
        assertThat(step.advanceStop(TrackedStep.StopStage.KILLED)).isTrue();
        assertThat(step.stopReason()).contains("stop");
    }

    @Test
    void anOlderPodVersionArrivingLateIsIgnored() {
        step.podSeen(pod("12", "Running"));
        step.podSeen(pod("11", "Pending"));

        assertThat(seen).extracting(StepOutcome::phase).containsExactly(StepPhase.RUNNING);
    }

    private static PodView pod(String resourceVersion, String phase) {
        return PodView.of(JsonTree.copyObject(GoJson.read("{\"metadata\": {\"name\": \"p\", \"namespace\": \"n\","
                + " \"resourceVersion\": \"" + resourceVersion + "\"}, \"status\": {\"phase\": \"" + phase + "\"}}")));
    }

    private static StepOutcome running() {
        return new StepOutcome(StepPhase.RUNNING, OptionalInt.empty(), Optional.empty(), Map.of(), "",
                Optional.empty(), Optional.empty());
    }
}
