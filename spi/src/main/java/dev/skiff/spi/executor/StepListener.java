package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;

/**
 * Receives a step's changes as they happen, on any thread; implementations must be quick and
 * thread-safe. Every phase change is reported; the last report of a step has a done phase.
 */
@FunctionalInterface
@Stability(Stability.Level.EXPERIMENTAL)
public interface StepListener {

    void onChange(StepRef ref, StepOutcome outcome);
}
