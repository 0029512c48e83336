package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import java.util.Objects;

/**
 * Names one step run. The id is deterministic (Argo's pod name), so starting the same ref twice
 * is a no-op and a restarted engine finds its steps again.
 *
 * @param stepId unique, DNS-label-safe id of the run (the pod name)
 * @param target where it runs
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record StepRef(String stepId, StepTarget target) {

    public StepRef {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(target, "target");
    }
}
