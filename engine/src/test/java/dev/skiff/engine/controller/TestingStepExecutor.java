package dev.skiff.engine.controller;

import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory executor for controller tests: steps are "pods" kept in memory (they outlive a controller, as pods
 * outlive a killed controller process) and end as a script says, by template name: at once with exit 0 and
 * {@code echo}'s output by default; with an exit code; or held running until the test releases them. Reports come
 * on a thread of their own, as a real executor's watch would; starting a step that exists only attaches to it
 * (reporting its state at once), so {@link #creations} counts how often each step was really created.
 */
final class TestingStepExecutor implements StepExecutor {

    /** What a step of a template does. */
    sealed interface Behaviour permits Exit, Hold {
    }

    /** Ends at once with this exit code and stdout. */
    record Exit(int code, Optional<String> stdout) implements Behaviour {
    }

    /** Runs until {@link #release} ends it. */
    record Hold() implements Behaviour {
    }

    private static final class Step {
        final StepRequest request;
        volatile StepListener listener;
        volatile StepOutcome outcome;

        Step(StepRequest request, StepListener listener, StepOutcome outcome) {
            this.request = request;
            this.listener = listener;
            this.outcome = outcome;
        }
    }

    private final Clock clock;
    private final Map<String, Function<StepRequest, Behaviour>> script = new ConcurrentHashMap<>();
    private final Map<StepRef, Step> steps = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> creations = new ConcurrentHashMap<>();
    private final List<Long> createdAt = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<StepRef> settled = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<StepRef> deleted = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<StepRef> stopped = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService reporter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "testing-executor");
        t.setDaemon(true);
        return t;
    });

    TestingStepExecutor(Clock clock) {
        this.clock = clock;
    }

    TestingStepExecutor() {
        this(Clock.systemUTC());
    }

    TestingStepExecutor on(String template, Behaviour behaviour) {
        script.put(template, r -> behaviour);
        return this;
    }

    TestingStepExecutor on(String template, Function<StepRequest, Behaviour> behaviour) {
        script.put(template, behaviour);
        return this;
    }

    @Override
    public void start(StepRequest request, StepListener listener) {
        Step existing = steps.get(request.ref());
        if (existing != null) {
            existing.listener = listener;
            report(existing);
            return;
        }
        Instant now = clock.instant();
        Step step = new Step(request, listener, new StepOutcome(StepPhase.RUNNING, OptionalInt.empty(),
                Optional.empty(), Map.of(), "", Optional.of(now), Optional.empty()));
        if (steps.putIfAbsent(request.ref(), step) != null) {
            start(request, listener);
            return;
        }
        creations.computeIfAbsent(request.ref().stepId(), k -> new AtomicInteger()).incrementAndGet();
        createdAt.add(System.nanoTime());
        report(step);
        Behaviour behaviour = script.getOrDefault(request.templateName(), r -> new Exit(0, Optional.empty()))
                .apply(request);
        if (behaviour instanceof Exit exit) {
            finish(step, exit.code(), exit.stdout().orElse(echo(request)), "");
        }
    }

    /** Ends every running step of this template (held ones) with the exit code; returns how many. */
    int release(String template, int exitCode) {
        int n = 0;
        for (Step step : steps.values()) {
            if (step.request.templateName().equals(template) && !step.outcome.phase().isDone()) {
                finish(step, exitCode, echo(step.request), "");
                n++;
            }
        }
        return n;
    }

    /** Steps of this template that run now. */
    int running(String template) {
        return (int) steps.values().stream().filter(s -> s.request.templateName().equals(template)
                && !s.outcome.phase().isDone()).count();
    }

    private void finish(Step step, int code, String stdout, String message) {
        Instant started = step.outcome.startedAt().orElse(clock.instant());
        StepPhase phase = code == 0 ? StepPhase.SUCCEEDED : StepPhase.FAILED;
        step.outcome = new StepOutcome(phase, OptionalInt.of(code), Optional.of(stdout), Map.of(),
                message.isEmpty() && code != 0 ? "Error (exit code " + code + ")" : message, Optional.of(started),
                Optional.of(clock.instant()));
        report(step);
    }

    private void report(Step step) {
        StepOutcome outcome = step.outcome;
        reporter.execute(() -> step.listener.onChange(step.request.ref(), outcome));
    }

    private static String echo(StepRequest request) {
        List<String> command = request.command().command();
        return !command.isEmpty() && command.getFirst().equals("echo") ? String.join(" ", request.command().args())
                : "";
    }

    @Override
    public Optional<StepOutcome> observe(StepRef ref) {
        return Optional.ofNullable(steps.get(ref)).map(s -> s.outcome);
    }

    @Override
    public void stop(StepRef ref, String reason) {
        Step step = steps.get(ref);
        stopped.add(ref);
        if (step != null && !step.outcome.phase().isDone()) {
            finish(step, 143, "", reason);
        }
    }

    @Override
    public void settle(StepRef ref) {
        settled.add(ref);
    }

    @Override
    public void delete(StepRef ref) {
        deleted.add(ref);
    }

    /** How often each step id was created (not attached to). */
    Map<String, Integer> creations() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        creations.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** When each step was created ({@link System#nanoTime()}), in order. */
    List<Long> createdAt() {
        return List.copyOf(createdAt);
    }

    List<StepRef> settled() {
        return List.copyOf(settled);
    }

    List<StepRef> deleted() {
        return List.copyOf(deleted);
    }

    List<StepRef> stopped() {
        return List.copyOf(stopped);
    }

    List<StepRequest> requests() {
        return steps.values().stream().map(s -> s.request).toList();
    }

    @Override
    public void close() {
        reporter.shutdownNow();
    }
}
