package dev.skiff.executor.local;

import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Runs steps as processes on this machine, each in its own sandbox under the work directory.
 * The image is ignored. Owns its processes: {@link #close()} stops those still running.
 */
final class LocalExecutor implements StepExecutor {

    private final LocalSettings settings;
    private final ConcurrentMap<StepRef, LocalStep> steps = new ConcurrentHashMap<>();

    LocalExecutor(LocalSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start(StepRequest request, StepListener listener) {
        LocalStep fresh = new LocalStep(request, settings);
        LocalStep step = steps.putIfAbsent(request.ref(), fresh);
        if (step != null) {
            step.attach(listener);
            return;
        }
        fresh.attach(listener);
        fresh.launch();
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

    /** Stops every step that still runs. */
    @Override
    public void close() {
        steps.values().forEach(step -> step.stop("Skiff stopped the step: the local executor was closed"));
    }
}
