package dev.skiff.engine.run;

import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowStatus;
import dev.skiff.spi.executor.StepExecutor;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Runs one workflow to completion with a StepExecutor: the I/O shell around the pure reconciler. */
public final class WorkflowRunner {

    private final StepExecutor executor;
    private final Clock clock;

    public WorkflowRunner(StepExecutor executor, Clock clock) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Blocks until the workflow is done; the observer sees each new status (on the caller's thread). */
    public Workflow run(Workflow wf, Map<String, String> parameterOverrides, Consumer<WorkflowStatus> observer)
            throws InterruptedException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Resumes a suspended node (by node name or id), from any thread. */
    public void resume(String node) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Stops the run: running steps are stopped, the workflow ends Failed with the reason. Any thread. */
    public void stop(String reason) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
