package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import java.time.Instant;
import java.util.List;
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
 * @param inputArtifacts   once known, what became of the request's input artifacts, in request
 *                         order (loading stops at the first that fails; the step then ends
 *                         {@link StepPhase#ERROR} without running)
 * @param outputArtifacts  once the step ended, what became of each of the request's output
 *                         artifacts, in request order
 * @param podIp            the address of the step's pod, where an executor knows it (pod executors; Argo records
 *                         it for daemon steps as the node's {@code podIP}, {@code {{steps.X.ip}}}); empty otherwise
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record StepOutcome(
        StepPhase phase,
        OptionalInt exitCode,
        Optional<String> result,
        Map<String, String> outputParameters,
        String message,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        List<ArtifactOutcome> inputArtifacts,
        List<ArtifactOutcome> outputArtifacts,
        Optional<String> podIp) {

    public StepOutcome {
        Objects.requireNonNull(podIp, "podIp");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(result, "result");
        outputParameters = Map.copyOf(outputParameters);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        inputArtifacts = List.copyOf(inputArtifacts);
        outputArtifacts = List.copyOf(outputArtifacts);
    }

    /** An outcome without a pod address (the signature before it was added). */
    public StepOutcome(StepPhase phase, OptionalInt exitCode, Optional<String> result,
                       Map<String, String> outputParameters, String message, Optional<Instant> startedAt,
                       Optional<Instant> finishedAt, List<ArtifactOutcome> inputArtifacts,
                       List<ArtifactOutcome> outputArtifacts) {
        this(phase, exitCode, result, outputParameters, message, startedAt, finishedAt, inputArtifacts,
                outputArtifacts, Optional.empty());
    }

    /** The same outcome with the pod's address. */
    public StepOutcome withPodIp(Optional<String> ip) {
        return new StepOutcome(phase, exitCode, result, outputParameters, message, startedAt, finishedAt,
                inputArtifacts, outputArtifacts, ip);
    }

    /** An outcome without artifacts (the signature before artifacts were added). */
    public StepOutcome(StepPhase phase, OptionalInt exitCode, Optional<String> result,
                       Map<String, String> outputParameters, String message, Optional<Instant> startedAt,
                       Optional<Instant> finishedAt) {
        this(phase, exitCode, result, outputParameters, message, startedAt, finishedAt, List.of(), List.of());
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
