package dev.skiff.engine.bench;

import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** A no-op executor: every step succeeds the moment it starts, reporting on the caller's thread. */
final class InstantExecutor implements StepExecutor {

    private final Clock clock;
    private int started;

    InstantExecutor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void start(StepRequest request, StepListener listener) {
        started++;
        var now = Optional.of(clock.instant());
        listener.onChange(request.ref(), new StepOutcome(StepPhase.SUCCEEDED, OptionalInt.of(0), Optional.of(""),
                Map.of(), "", now, now));
    }

    @Override
    public Optional<StepOutcome> observe(StepRef ref) {
        return Optional.empty();
    }

    @Override
    public void stop(StepRef ref, String reason) {
    }

    int started() {
        return started;
    }
}
