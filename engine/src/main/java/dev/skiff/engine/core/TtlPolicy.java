package dev.skiff.engine.core;

import dev.skiff.engine.model.TtlStrategy;
import dev.skiff.engine.model.WorkflowPhase;
import java.time.Instant;
import java.util.Optional;

/**
 * When a finished workflow is deleted (Argo's {@code ttl} and {@code expiresIn} in
 * {@code workflow/gccontroller/gc_controller.go}): {@code secondsAfterFailure} for a Failed workflow,
 * {@code secondsAfterSuccess} for a Succeeded one, else {@code secondsAfterCompletion} for any finished one
 * (an Error workflow only by the last). Pure.
 */
public final class TtlPolicy {

    private TtlPolicy() {
    }

    /** When to delete the workflow; empty when it is not finished or its TTL strategy does not apply. */
    public static Optional<Instant> deleteAt(Optional<TtlStrategy> ttl, WorkflowPhase phase,
                                             Optional<Instant> finishedAt) {
        if (ttl.isEmpty() || !phase.isDone()) {
            return Optional.empty();
        }
        TtlStrategy t = ttl.get();
        Optional<Long> seconds;
        if (phase == WorkflowPhase.FAILED && t.secondsAfterFailure().isPresent()) {
            seconds = t.secondsAfterFailure();
        } else if (phase == WorkflowPhase.SUCCEEDED && t.secondsAfterSuccess().isPresent()) {
            seconds = t.secondsAfterSuccess();
        } else {
            seconds = t.secondsAfterCompletion();
        }
        // Argo counts from status.finishedAt; a finished workflow without one (the zero time) expires at once.
        return seconds.map(s -> finishedAt.orElse(Instant.EPOCH).plusSeconds(s));
    }
}
