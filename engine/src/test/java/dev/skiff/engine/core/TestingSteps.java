package dev.skiff.engine.core;

import dev.skiff.spi.executor.ArtifactOutcome;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A scripted, in-memory stand-in for an executor, for reconciler tests: each template name maps to what
 * its steps do (exit code, stdout, output files, how long they take). By default a step succeeds after
 * one second and prints its arguments joined by spaces, like {@code echo}.
 */
final class TestingSteps {

    /**
     * What one step does.
     *
     * @param exitCode exit code
     * @param stdout   what it prints
     * @param outputs  output files that exist afterwards, by output parameter name
     * @param duration how long it runs
     * @param error    when non-empty, the step could not run at all (executor error) with this message
     */
    record Behaviour(int exitCode, String stdout, Map<String, String> outputs, Duration duration, String error,
                     String killMessage, java.util.Set<String> missingArtifacts) {

        Behaviour(int exitCode, String stdout, Map<String, String> outputs, Duration duration, String error,
                  String killMessage) {
            this(exitCode, stdout, outputs, duration, error, killMessage, java.util.Set.of());
        }

        /** The step leaves these output artifacts' paths absent (the executor reports them not found). */
        Behaviour withoutArtifacts(String... names) {
            return new Behaviour(exitCode, stdout, outputs, duration, error, killMessage, java.util.Set.of(names));
        }

        Behaviour(int exitCode, String stdout, Map<String, String> outputs, Duration duration, String error) {
            this(exitCode, stdout, outputs, duration, error, "");
        }

        Behaviour killed(String message) {
            return new Behaviour(exitCode, stdout, outputs, duration, error, message);
        }

        static Behaviour ok(String stdout) {
            return new Behaviour(0, stdout, Map.of(), Duration.ofSeconds(1), "");
        }

        static Behaviour exit(int code) {
            return new Behaviour(code, "", Map.of(), Duration.ofSeconds(1), "");
        }

        Behaviour withOutput(String name, String value) {
            Map<String, String> out = new LinkedHashMap<>(outputs);
            out.put(name, value);
            return new Behaviour(exitCode, stdout, out, duration, error);
        }

        Behaviour taking(Duration d) {
            return new Behaviour(exitCode, stdout, outputs, d, error);
        }
    }

    private final Map<String, Function<StepRequest, Behaviour>> byTemplate = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();

    TestingSteps on(String template, Behaviour behaviour) {
        byTemplate.put(template, r -> behaviour);
        return this;
    }

    TestingSteps on(String template, Function<StepRequest, Behaviour> behaviour) {
        byTemplate.put(template, behaviour);
        return this;
    }

    /** The n-th start of a template (0-based) behaves as given; later ones as the last. */
    TestingSteps sequence(String template, Behaviour... behaviours) {
        byTemplate.put(template, r -> {
            int n = attempts.merge(template, 1, Integer::sum) - 1;
            return behaviours[Math.min(n, behaviours.length - 1)];
        });
        return this;
    }

    Behaviour behaviour(StepRequest request) {
        Function<StepRequest, Behaviour> f = byTemplate.get(request.templateName());
        if (f != null) {
            return f.apply(request);
        }
        return Behaviour.ok(String.join(" ", request.command().args()));
    }

    static StepOutcome running(Instant at) {
        return new StepOutcome(StepPhase.RUNNING, OptionalInt.empty(), Optional.empty(), Map.of(), "",
                Optional.of(at), Optional.empty());
    }

    /** Running; a daemon's pod (template {@code daemon: true}) reports its IP, {@link #DAEMON_IP}. */
    static StepOutcome running(Instant at, StepRequest request) {
        boolean daemon = Boolean.TRUE.equals(request.template().get("daemon"));
        return running(at).withPodIp(daemon ? Optional.of(DAEMON_IP) : Optional.empty());
    }

    /** The pod IP daemon steps report. */
    static final String DAEMON_IP = "10.1.2.3";

    /** The outcome of a request: its input artifacts placed, its output artifacts saved unless missing. */
    static StepOutcome finished(Behaviour b, Instant started, Instant finished, StepRequest request) {
        StepOutcome plain = finished(b, started, finished);
        if (!b.error().isEmpty()) {
            return plain;
        }
        var inputs = request.inputArtifacts().stream().map(a -> ArtifactOutcome.done(a.name())).toList();
        var outputs = request.outputArtifacts().stream().map(a -> b.missingArtifacts().contains(a.name())
                ? ArtifactOutcome.notFound(a.name()) : ArtifactOutcome.done(a.name())).toList();
        return new StepOutcome(plain.phase(), plain.exitCode(), plain.result(), plain.outputParameters(),
                plain.message(), plain.startedAt(), plain.finishedAt(), inputs, outputs);
    }

    static StepOutcome finished(Behaviour b, Instant started, Instant finished) {
        if (!b.error().isEmpty()) {
            return StepOutcome.error(b.error(), finished);
        }
        StepPhase phase = b.exitCode() == 0 ? StepPhase.SUCCEEDED : StepPhase.FAILED;
        String message = !b.killMessage().isEmpty() ? b.killMessage()
                : b.exitCode() == 0 ? "" : "Error (exit code " + b.exitCode() + ")";
        return new StepOutcome(phase, OptionalInt.of(b.exitCode()), Optional.of(b.stdout()), b.outputs(), message,
                Optional.of(started), Optional.of(finished));
    }
}
