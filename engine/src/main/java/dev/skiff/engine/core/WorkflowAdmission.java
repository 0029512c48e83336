package dev.skiff.engine.core;

import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowFormatException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * What the Kubernetes API server and {@code argo submit} do before a workflow runs: a generated name
 * (5 random characters after {@code generateName}), a uid, the creation time and {@code -p} parameter
 * overrides. Randomness is passed in so tests are deterministic.
 */
public final class WorkflowAdmission {

    /** Kubernetes' alphabet for generated names: no vowels, no digits easily misread. */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private WorkflowAdmission() {
    }

    /**
     * Admits a workflow: a name, a uid and a creation time when missing, and the parameter overrides
     * applied to {@code spec.arguments.parameters} (overridden ones first, as {@code argo submit -p} does;
     * other fields of an overridden parameter, such as {@code enum}, are kept).
     */
    public static Workflow admit(Workflow wf, Map<String, String> parameterOverrides, Instant now,
                                 RandomGenerator random) {
        Workflow out = wf;
        if (out.name().isEmpty()) {
            if (out.generateName().isEmpty()) {
                throw new WorkflowFormatException(wf.sourceName()
                        + ": metadata.name or metadata.generateName is required");
            }
            StringBuilder suffix = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            out = out.withMetadata("name", out.generateName() + suffix);
        }
        if (out.uid().isEmpty()) {
            out = out.withMetadata("uid", new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                    random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString());
        }
        if (out.creationTimestamp().isEmpty()) {
            out = out.withMetadata("creationTimestamp", now.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        if (!parameterOverrides.isEmpty()) {
            out = out.withParameterOverrides(parameterOverrides);
        }
        return out;
    }

    /**
     * The workflow as Argo leaves one that fails validation when it starts: phase Failed, the message
     * {@code invalid spec: <problem>}, no nodes, progress {@code 0/0}.
     */
    public static Workflow reject(Workflow admitted, String problem, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        java.util.Map<String, String> labels = java.util.Map.of("workflows.argoproj.io/phase", "Failed",
                "workflows.argoproj.io/completed", "true");
        dev.skiff.engine.model.WorkflowStatus status = new dev.skiff.engine.model.WorkflowStatus(
                dev.skiff.engine.model.WorkflowPhase.FAILED, java.util.Optional.of(at), java.util.Optional.of(at),
                "0/0", "invalid spec: " + problem, java.util.Map.of(), java.util.Optional.empty(),
                java.util.List.of(new dev.skiff.engine.model.Condition("Completed", "True", "")));
        return admitted.withLabels(labels).withStatus(status);
    }
}
