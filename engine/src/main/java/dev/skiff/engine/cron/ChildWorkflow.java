package dev.skiff.engine.cron;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Workflow a CronWorkflow created (its controller owner reference names the CronWorkflow), as the plan needs it.
 *
 * @param name       {@code metadata.name}
 * @param uid        {@code metadata.uid}
 * @param phase      {@code status.phase} ("" before it started)
 * @param finishedAt {@code status.finishedAt}
 * @param labels     {@code metadata.labels}
 */
public record ChildWorkflow(String name, String uid, String phase, Optional<Instant> finishedAt,
                            Map<String, String> labels) {

    public ChildWorkflow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(finishedAt, "finishedAt");
        labels = Map.copyOf(labels);
    }

    /** Argo's {@code Status.Fulfilled}: Succeeded, Failed or Error. */
    public boolean done() {
        return phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Error");
    }

    /** Argo's {@code Status.Successful}. */
    public boolean succeeded() {
        return phase.equals("Succeeded");
    }
}
