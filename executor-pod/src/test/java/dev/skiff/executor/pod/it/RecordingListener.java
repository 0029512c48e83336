package dev.skiff.executor.pod.it;

import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.testbed.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Records every outcome a step reports; tests wait on what it has seen. */
final class RecordingListener implements StepListener {

    private final List<StepOutcome> outcomes = new ArrayList<>();

    @Override
    public synchronized void onChange(StepRef ref, StepOutcome outcome) {
        outcomes.add(outcome);
    }

    synchronized List<StepOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    synchronized List<StepPhase> phases() {
        return outcomes.stream().map(StepOutcome::phase).toList();
    }

    /** Waits for the first report in {@code phase}. */
    StepOutcome await(StepPhase phase, Duration timeout) {
        return Await.until("a " + phase + " report (seen: " + phases() + ")", timeout, () -> {
            synchronized (this) {
                return outcomes.stream().filter(o -> o.phase() == phase).findFirst();
            }
        });
    }

    /** Waits for the final report. */
    StepOutcome awaitDone(Duration timeout) {
        return Await.until("the step to end (seen: " + phases() + ")", timeout, () -> {
            synchronized (this) {
                return outcomes.stream().filter(o -> o.phase().isDone()).findFirst();
            }
        });
    }

    /** Waits for any first report. */
    StepOutcome awaitAny(Duration timeout) {
        return Await.until("a report", timeout, () -> {
            synchronized (this) {
                return outcomes.isEmpty() ? Optional.empty() : Optional.of(outcomes.get(0));
            }
        });
    }
}
