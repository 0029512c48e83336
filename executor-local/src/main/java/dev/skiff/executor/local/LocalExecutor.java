package dev.skiff.executor.local;

import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Runs steps as processes on this machine, each in its own sandbox under the work directory.
 * The image is ignored. Owns its processes: {@link #close()} stops those still running and returns only
 * once they are gone.
 */
final class LocalExecutor implements StepExecutor {

    static final String CLOSED_REASON = "Skiff stopped the step: the local executor was closed";
    /** How long close waits for a step beyond its grace period (SIGKILL is immediate; this bounds a hung kernel). */
    private static final Duration BEYOND_GRACE = Duration.ofSeconds(60);

    private final LocalSettings settings;
    private final ConcurrentMap<StepRef, LocalStep> steps = new ConcurrentHashMap<>();
    private volatile boolean closed;

    LocalExecutor(LocalSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start(StepRequest request, StepListener listener) {
        if (closed) {
            listener.onChange(request.ref(), StepOutcome.error(CLOSED_REASON, settings.clock().instant()));
            return;
        }
        LocalStep fresh = new LocalStep(request, settings);
        LocalStep step = steps.putIfAbsent(request.ref(), fresh);
        if (step != null) {
            step.attach(listener);
            return;
        }
        fresh.attach(listener);
        fresh.launch();
        if (closed) {
            fresh.stop(CLOSED_REASON);
        }
    }

    @Override
    public Optional<StepOutcome> observe(StepRef ref) {
        return Optional.ofNullable(steps.get(ref)).map(LocalStep::outcome);
    }

    @Override
    public void stop(StepRef ref, String reason) {
        LocalStep step = steps.get(ref);
        if (step != null) {
            step.stop(reason);
        }
    }

    /**
     * Stops every step that still runs (SIGTERM, then SIGKILL after the grace period) and returns once each
     * step ended and every process that carries this run's mark is gone. Safe to call more than once and
     * from any thread (a shutdown hook).
     */
    @Override
    public void close() {
        closed = true;
        steps.values().forEach(step -> step.stop(CLOSED_REASON));
        try {
            // Live view: a step that a racing start() added is stopped there (it saw closed) and awaited here.
            for (LocalStep step : steps.values()) {
                if (!step.awaitEnded(settings.killGrace().plus(BEYOND_GRACE))) {
                    settings.logger().log(Level.WARNING, "a step's processes did not end after SIGKILL; see ps");
                }
            }
            // Whatever escaped a step's own clean-up (a step still preparing when it was stopped cannot have any).
            ProcessTree.killAll(() -> settings.marked().withPrefix(settings.runId() + "/"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
