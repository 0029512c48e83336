package dev.skiff.executor.local;

import dev.skiff.spi.executor.ArtifactOutcome;
import dev.skiff.spi.executor.InputArtifact;
import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One step run as a host process: prepares its sandbox, runs it, reports to its listeners. The step's own
 * thread does everything, stopping included, and the step counts as ended only once every process it
 * started is gone ({@link #awaitEnded}).
 */
final class LocalStep {

    /** Kubernetes' message for a pod killed at its active deadline, which Argo shows as is. */
    static final String DEADLINE_MESSAGE = "Pod was active on the node longer than the specified deadline";

    private enum Ending { EXITED, DEADLINE, STOPPED }

    private final StepRequest request;
    private final LocalSettings settings;
    private final List<StepListener> listeners = new ArrayList<>();
    private final CompletableFuture<String> stopRequest = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private StepOutcome outcome = StepOutcome.pending();
    private String stopReason;

    LocalStep(StepRequest request, LocalSettings settings) {
        this.request = request;
        this.settings = settings;
    }

    /** Adds a listener and tells it the current outcome at once. */
    synchronized void attach(StepListener listener) {
        listeners.add(listener);
        listener.onChange(request.ref(), outcome);
    }

    synchronized StepOutcome outcome() {
        return outcome;
    }

    /** Runs the step on its own virtual thread. */
    void launch() {
        Thread.ofVirtual().name("skiff-step-" + request.ref().stepId()).start(this::run);
    }

    /** Asks the step's thread to kill the process tree; the step then ends FAILED with the reason. No-op once done. */
    void stop(String reason) {
        synchronized (this) {
            if (outcome.phase().isDone() || stopReason != null) {
                return;
            }
            stopReason = reason;
        }
        stopRequest.complete(reason);
    }

    /** Waits until the step ended and the processes it started are gone; false when {@code limit} passed first. */
    boolean awaitEnded(Duration limit) throws InterruptedException {
        try {
            ended.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private void run() {
        try {
            execute();
        } catch (IOException e) {
            finishError("could not run step " + request.nodeName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finishError("interrupted while running step " + request.nodeName());
        } catch (RuntimeException e) {
            settings.logger().log(Level.ERROR, "local executor failed on step " + request.ref().stepId(), e);
            finishError("local executor failed on step " + request.nodeName() + ": " + e);
        } finally {
            ended.complete(null);
        }
    }

    private void execute() throws IOException, InterruptedException {
        StepSandbox sandbox = StepSandbox.create(settings.work(), request);
        Optional<Path> script = sandbox.writeScript(request.command().scriptSource());
        List<String> words = new ArrayList<>(ImageStandIns.withEntryPoint(request.command().image(),
                StepCommandLine.words(request.command(), sandbox.mapping(), script), !request.command().command().isEmpty()));
        if (words.isEmpty()) {
            finishError("step " + request.nodeName() + " has no command or args; it relies on the entry point of"
                    + " image '" + request.command().image() + "', which the local executor ignores: add a command");
            return;
        }
        Optional<Path> program = settings.resolver().resolve(words.get(0));
        if (program.isEmpty()) {
            MissingProgram missing = new MissingProgram(words.get(0), request.command().image());
            missing.writeTo(sandbox.stderr());
            Instant at = now();
            publish(new StepOutcome(StepPhase.FAILED, OptionalInt.of(MissingProgram.EXIT_CODE), Optional.empty(),
                    Map.of(), missing.message(), Optional.of(at), Optional.of(at)));
            return;
        }
        words.set(0, program.get().toString());
        ProcessBuilder builder = new ProcessBuilder(settings.groups().wrap(words))
                .directory(sandbox.mapping().workingDirectory(request.command().workingDir()).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(sandbox.stdout().toFile())
                .redirectError(sandbox.stderr().toFile());
        builder.environment().putAll(environment(sandbox));
        List<ArtifactOutcome> inputs = placeInputs(sandbox);
        if (inputs.stream().anyMatch(this::failedToLoad)) {
            Instant at = now();
            publish(new StepOutcome(StepPhase.ERROR, OptionalInt.empty(), Optional.empty(), Map.of(),
                    "could not place input artifacts of step " + request.nodeName(), Optional.of(at), Optional.of(at),
                    inputs, List.of()));
            return;
        }
        Process started;
        synchronized (this) {
            if (stopReason != null) {
                Instant at = now();
                publish(new StepOutcome(StepPhase.FAILED, OptionalInt.empty(), Optional.empty(), Map.of(), stopReason,
                        Optional.of(at), Optional.of(at)));
                return;
            }
            started = builder.start();
        }
        Instant startedAt = now();
        publish(new StepOutcome(StepPhase.RUNNING, OptionalInt.empty(), Optional.empty(), Map.of(), "",
                Optional.of(startedAt), Optional.empty()));
        settings.logger().log(Level.DEBUG, () -> "step " + request.ref().stepId() + " started: pid " + started.pid()
                + ", sandbox " + sandbox.dir());
        Ending ending = awaitEnding(started);
        String mark = settings.mark(request.ref().stepId());
        if (ending != Ending.EXITED) {
            ProcessTree.kill(started.toHandle(), settings.killGrace(), settings.groups(),
                    () -> settings.marked().withValue(mark));
        }
        int exitCode = started.waitFor();
        // Like a container, a step ends with its main process: what it left running goes too, in its process
        // group or not (a double fork), found by the step's mark.
        settings.groups().signal(started.pid(), "KILL");
        ProcessTree.killAll(() -> settings.marked().withValue(mark));
        String reason;
        synchronized (this) {
            reason = stopReason;
        }
        StepOutputs outputs = new StepOutputs(request, sandbox, startedAt, settings.logger());
        String result = StdoutTail.read(sandbox.stdout());
        Map<String, String> parameters = outputs.parameters();
        List<ArtifactOutcome> saved = outputs.artifacts(settings.work(), settings.stores());
        boolean deadlineHit = ending == Ending.DEADLINE;
        boolean ok = exitCode == 0 && !deadlineHit && reason == null;
        String message = deadlineHit ? DEADLINE_MESSAGE
                : reason != null ? reason
                : exitCode != 0 ? "Error (exit code " + exitCode + ")" : "";
        publish(new StepOutcome(ok ? StepPhase.SUCCEEDED : StepPhase.FAILED, OptionalInt.of(exitCode),
                Optional.of(result), parameters, message, Optional.of(startedAt), Optional.of(now()), inputs, saved));
    }

    /** Waits until the process exits, its deadline passes or the step is stopped, whichever comes first. */
    private Ending awaitEnding(Process started) throws InterruptedException {
        CompletableFuture<Object> first = CompletableFuture.anyOf(started.onExit(), stopRequest);
        try {
            Optional<Duration> deadline = request.deadline();
            if (deadline.isEmpty()) {
                first.get();
            } else {
                first.get(Math.max(0, deadline.get().toMillis()), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            return Ending.DEADLINE;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return started.isAlive() ? Ending.STOPPED : Ending.EXITED;
    }

    /** Places the input artifacts in order, stopping after the first that fails (a missing optional one is fine). */
    private List<ArtifactOutcome> placeInputs(StepSandbox sandbox) throws IOException {
        List<ArtifactOutcome> placed = new ArrayList<>();
        for (InputArtifact input : request.inputArtifacts()) {
            Path target = sandbox.hostPath(input.path(), request.command().workingDir());
            ArtifactOutcome outcome = switch (sandbox.placement(target)) {
                case IN_SANDBOX -> ArtifactFiles.place(input, target, true, settings.stores());
                case IN_VOLUME -> ArtifactFiles.place(input, target, false, settings.stores());
                case OUTSIDE -> ArtifactOutcome.failed(input.name(), "path " + input.path()
                        + " leads out of the step's sandbox");
            };
            placed.add(outcome);
            if (failedToLoad(outcome)) {
                break;
            }
        }
        return placed;
    }

    private boolean failedToLoad(ArtifactOutcome outcome) {
        if (outcome.status() == ArtifactOutcome.Status.DONE) {
            return false;
        }
        return outcome.status() == ArtifactOutcome.Status.FAILED || request.inputArtifacts().stream()
                .noneMatch(i -> i.name().equals(outcome.name()) && i.optional());
    }

    private Map<String, String> environment(StepSandbox sandbox) {
        Map<String, String> env = new LinkedHashMap<>(settings.hostEnv());
        env.put("PATH", settings.stepPath());
        request.command().env().forEach((k, v) -> env.put(k, sandbox.mapping().rewrite(v)));
        env.put("SKIFF_SANDBOX", sandbox.root().toString());
        env.put(MarkedProcesses.VARIABLE, settings.mark(request.ref().stepId()));
        return env;
    }

    private void finishError(String message) {
        settings.logger().log(Level.DEBUG, () -> "step " + request.ref().stepId() + ": " + message);
        publish(StepOutcome.error(message, now()));
    }

    private synchronized void publish(StepOutcome next) {
        outcome = next;
        for (StepListener listener : listeners) {
            try {
                listener.onChange(request.ref(), next);
            } catch (RuntimeException e) {
                settings.logger().log(Level.WARNING, "step listener failed for " + request.ref().stepId(), e);
            }
        }
    }

    private Instant now() {
        return settings.clock().instant();
    }
}
