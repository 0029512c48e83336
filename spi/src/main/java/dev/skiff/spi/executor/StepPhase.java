package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;

/** The phase of one step run, as its executor sees it. */
@Stability(Stability.Level.EXPERIMENTAL)
public enum StepPhase {
    /** Accepted but not yet running (pod scheduled, process not yet spawned). */
    PENDING,
    /** The main process runs. */
    RUNNING,
    /** Ended with exit code 0. */
    SUCCEEDED,
    /** Ended with a non-zero exit code, or was killed for its deadline. */
    FAILED,
    /** Could not run at all (no such command, pod rejected, lost). */
    ERROR;

    /** Whether the step has ended. */
    public boolean isDone() {
        return this == SUCCEEDED || this == FAILED || this == ERROR;
    }
}
