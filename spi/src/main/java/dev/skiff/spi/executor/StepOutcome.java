package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an executor observed of a step.
 *
 * @param phase            current phase
 * @param exitCode         exit code of the main process, once it ended
 * @param result           stdout of the main process (last 256 KiB, one trailing newline
 *                         trimmed), once it ended
 * @param outputParameters values of the request's output files that existed, by parameter name
 * @param message          human-readable reason for the phase; empty when there is none
 * @param startedAt        when the process started
 * @param finishedAt       when it ended
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record StepOutcome(
        StepPhase phase,
        OptionalInt exitCode,
        Optional<String> result,
        Map<String, String> outputParameters,
        String message,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt) {

    public StepOutcome {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(result, "result");
        outputParameters = Map.copyOf(outputParameters);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** A step that is accepted but not running yet. */
    public static StepOutcome pending() {
        return new StepOutcome(StepPhase.PENDING, OptionalInt.empty(), Optional.empty(), Map.of(), "",
                Optional.empty(), Optional.empty());
    }

    /** A step that could not run, with the reason. */
    public static StepOutcome error(String message, Instant at) {
        return new StepOutcome(StepPhase.ERROR, OptionalInt.empty(), Optional.empty(), Map.of(), message,
                Optional.of(at), Optional.of(at));
    }
}
