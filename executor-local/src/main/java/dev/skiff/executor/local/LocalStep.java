package dev.skiff.executor.local;

import dev.skiff.spi.executor.ArtifactOutcome;
import dev.skiff.spi.executor.InputArtifact;
import dev.skiff.spi.executor.OutputArtifact;
import dev.skiff.spi.executor.OutputFile;
import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** One step run as a host process: prepares its sandbox, runs it, reports to its listeners. */
final class LocalStep {

    /** Kubernetes' message for a pod killed at its active deadline, which Argo shows as is. */
    static final String DEADLINE_MESSAGE = "Pod was active on the node longer than the specified deadline";

    private final StepRequest request;
    private final LocalSettings settings;
    private final List<StepListener> listeners = new ArrayList<>();
    private StepOutcome outcome = StepOutcome.pending();
    private Process process;
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

    /** Kills the process tree; the step then ends FAILED with the reason. No-op once done. */
    void stop(String reason) {
        Process running;
        synchronized (this) {
            if (outcome.phase().isDone() || stopReason != null) {
                return;
            }
            stopReason = reason;
            running = process;
        }
        if (running != null) {
            Thread.ofVirtual().name("skiff-stop-" + request.ref().stepId()).start(() -> killQuietly(running));
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
        }
    }

    private void execute() throws IOException, InterruptedException {
        StepSandbox sandbox = StepSandbox.create(settings.workDir(), request);
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
            finishError("command not found: '" + words.get(0) + "' (the local executor runs steps as host processes and"
                    + " ignores image '" + request.command().image() + "'): install it or put it on PATH");
            return;
        }
        words.set(0, program.get().toString());
        ProcessBuilder builder = new ProcessBuilder(settings.groups().wrap(words))
                .directory(sandbox.mapping().workingDirectory(request.command().workingDir()).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
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
                finish(StepPhase.FAILED, OptionalInt.empty(), Optional.empty(), Map.of(), stopReason, now(), now());
                return;
            }
            started = builder.start();
            process = started;
        }
        Instant startedAt = now();
        publish(new StepOutcome(StepPhase.RUNNING, OptionalInt.empty(), Optional.empty(), Map.of(), "",
                Optional.of(startedAt), Optional.empty()));
        settings.logger().log(Level.DEBUG, () -> "step " + request.ref().stepId() + " started: pid " + started.pid()
                + ", sandbox " + sandbox.dir());
        boolean deadlineHit = !awaitExit(started);
        if (deadlineHit) {
            ProcessTree.kill(started.toHandle(), settings.killGrace(), settings.groups());
        }
        int exitCode = started.waitFor();
        // Like a container, a step ends with its main process: what it left running goes too.
        settings.groups().signal(started.pid(), "KILL");
        String reason;
        synchronized (this) {
            reason = stopReason;
        }
        String result = StdoutTail.read(sandbox.stdout());
        Map<String, String> outputs = readOutputs(sandbox, startedAt);
        List<ArtifactOutcome> saved = saveOutputs(sandbox, startedAt);
        boolean ok = exitCode == 0 && !deadlineHit && reason == null;
        String message = deadlineHit ? DEADLINE_MESSAGE
                : reason != null ? reason
                : exitCode != 0 ? "Error (exit code " + exitCode + ")" : "";
        publish(new StepOutcome(ok ? StepPhase.SUCCEEDED : StepPhase.FAILED, OptionalInt.of(exitCode),
                Optional.of(result), outputs, message, Optional.of(startedAt), Optional.of(now()), inputs, saved));
    }

    /** Places the input artifacts in order, stopping after the first that fails (a missing optional one is fine). */
    private List<ArtifactOutcome> placeInputs(StepSandbox sandbox) {
        List<ArtifactOutcome> placed = new ArrayList<>();
        for (InputArtifact input : request.inputArtifacts()) {
            Path target = sandbox.hostPath(input.path(), request.command().workingDir());
            ArtifactOutcome outcome = sandbox.holds(target) ? ArtifactFiles.place(input, target)
                    : ArtifactOutcome.failed(input.name(), "path " + input.path() + " leads out of the step's sandbox");
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

    /**
     * Saves every output artifact that exists, whatever the exit code, as Argo's wait container does. A path
     * the step did not create in its sandbox is taken from the host, which stands for the image (as
     * {@code /etc}), unless it is in a temporary directory and older than the step (another run's file).
     */
    private List<ArtifactOutcome> saveOutputs(StepSandbox sandbox, Instant startedAt) throws IOException {
        List<ArtifactOutcome> saved = new ArrayList<>();
        for (OutputArtifact output : request.outputArtifacts()) {
            Path source = sandbox.hostPath(output.path(), request.command().workingDir());
            if (!Files.exists(source)) {
                source = fromHost(output.path(), startedAt, "output artifact " + output.name()).orElse(source);
            }
            saved.add(ArtifactFiles.save(output, source));
        }
        return saved;
    }

    /**
     * The host's own file or directory at an output's literal path, for an output the step did not write in
     * its sandbox: the host stands for the image (as for {@code /etc/hosts}), except that a file in a
     * temporary directory older than the step is another run's leftover, not this step's output.
     */
    private Optional<Path> fromHost(String path, Instant startedAt, String what) throws IOException {
        Path literal = Path.of(path);
        if (!literal.isAbsolute() || !Files.exists(literal)) {
            return Optional.empty();
        }
        boolean written = !Files.getLastModifiedTime(literal).toInstant().isBefore(startedAt.truncatedTo(ChronoUnit.SECONDS));
        if (isTemporary(literal) && !written) {
            return Optional.empty();
        }
        settings.logger().log(Level.DEBUG, () -> "step " + request.ref().stepId() + ": " + what + " taken from host path " + literal);
        return Optional.of(literal);
    }

    private static boolean isTemporary(Path path) {
        Path normal = path.normalize();
        return normal.startsWith("/tmp") || normal.startsWith("/var/tmp") || normal.startsWith("/dev/shm");
    }

    /** Waits for the process; false when its deadline passed first. */
    private boolean awaitExit(Process started) throws InterruptedException {
        Optional<Duration> deadline = request.deadline();
        if (deadline.isEmpty()) {
            started.waitFor();
            return true;
        }
        return started.waitFor(Math.max(0, deadline.get().toMillis()), TimeUnit.MILLISECONDS);
    }

    private Map<String, String> environment(StepSandbox sandbox) {
        Map<String, String> env = new LinkedHashMap<>(settings.hostEnv());
        env.put("PATH", settings.stepPath());
        request.command().env().forEach((k, v) -> env.put(k, sandbox.mapping().rewrite(v)));
        env.put("SKIFF_SANDBOX", sandbox.root().toString());
        return env;
    }

    /**
     * Reads each output file that exists: at its sandbox path, else at the literal host path (the
     * template built the path at run time, so it was not mapped, or the file comes with the "image",
     * as {@code /etc/hosts}), see {@link #fromHost}.
     */
    private Map<String, String> readOutputs(StepSandbox sandbox, Instant startedAt) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        Optional<String> workingDir = request.command().workingDir();
        for (OutputFile output : request.outputFiles()) {
            Path mapped = sandbox.hostPath(output, workingDir);
            Optional<Path> file = Files.isRegularFile(mapped) ? Optional.of(mapped)
                    : fromHost(output.path(), startedAt, "output " + output.name()).filter(Files::isRegularFile);
            if (file.isPresent()) {
                values.put(output.name(), StdoutTail.parameterValue(file.get()));
            }
        }
        return values;
    }

    private void finishError(String message) {
        settings.logger().log(Level.DEBUG, () -> "step " + request.ref().stepId() + ": " + message);
        publish(StepOutcome.error(message, now()));
    }

    private void finish(StepPhase phase, OptionalInt exitCode, Optional<String> result, Map<String, String> outputs,
                        String message, Instant startedAt, Instant finishedAt) {
        publish(new StepOutcome(phase, exitCode, result, outputs, message, Optional.of(startedAt), Optional.of(finishedAt)));
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

    private void killQuietly(Process running) {
        try {
            ProcessTree.kill(running.toHandle(), settings.killGrace(), settings.groups());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Instant now() {
        return settings.clock().instant();
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }
}
