package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.TtlStrategy;
import dev.skiff.engine.model.WorkflowPhase;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Argo's ttl/expiresIn ({@code workflow/gccontroller/gc_controller.go}). */
class TtlPolicyTest {

    private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");

    private static Optional<Instant> at(TtlStrategy ttl, WorkflowPhase phase) {
        return TtlPolicy.deleteAt(Optional.of(ttl), phase, Optional.of(END));
    }

    @Test
    void theMostSpecificSecondsApplyByPhase() {
        TtlStrategy all = new TtlStrategy(Optional.of(30L), Optional.of(10L), Optional.of(20L));
        assertThat(at(all, WorkflowPhase.SUCCEEDED)).contains(END.plusSeconds(10));
        assertThat(at(all, WorkflowPhase.FAILED)).contains(END.plusSeconds(20));
        // WorkflowStatus.Failed() is phase Failed only: an Error workflow falls back to secondsAfterCompletion.
        assertThat(at(all, WorkflowPhase.ERROR)).contains(END.plusSeconds(30));
    }

    @Test
    void noTtlWhileRunningOrWhenNothingAppliesToThePhase() {
        TtlStrategy success = new TtlStrategy(Optional.empty(), Optional.of(10L), Optional.empty());
        assertThat(at(success, WorkflowPhase.RUNNING)).isEmpty();
        assertThat(at(success, WorkflowPhase.FAILED)).isEmpty();
        assertThat(TtlPolicy.deleteAt(Optional.empty(), WorkflowPhase.SUCCEEDED, Optional.of(END))).isEmpty();
    }

    @Test
    void aFinishedWorkflowWithoutFinishedAtExpiresAtOnce() {
        TtlStrategy completion = new TtlStrategy(Optional.of(60L), Optional.empty(), Optional.empty());
        assertThat(TtlPolicy.deleteAt(Optional.of(completion), WorkflowPhase.SUCCEEDED, Optional.empty()))
                .contains(Instant.EPOCH.plusSeconds(60));
    }
}
