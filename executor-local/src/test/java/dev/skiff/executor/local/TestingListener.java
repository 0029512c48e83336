package dev.skiff.executor.local;

import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRef;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every report and lets a test wait for a phase (with a generous upper bound). */
final class TestingListener implements StepListener {

    private final BlockingQueue<StepOutcome> queue = new LinkedBlockingQueue<>();
    private final List<StepPhase> phases = new CopyOnWriteArrayList<>();

    @Override
    public void onChange(StepRef ref, StepOutcome outcome) {
        phases.add(outcome.phase());
        queue.add(outcome);
    }

    /** The first reported outcome in one of the phases; fails after a minute. */
    StepOutcome await(java.util.function.Predicate<StepPhase> wanted) throws InterruptedException {
        while (true) {
            StepOutcome next = queue.poll(60, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("no matching report within 60 s; phases so far: " + phases);
            }
            if (wanted.test(next.phase())) {
                return next;
            }
        }
    }

    StepOutcome awaitDone() throws InterruptedException {
        return await(StepPhase::isDone);
    }

    List<StepPhase> phases() {
        return phases;
    }
}
