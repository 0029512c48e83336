package dev.skiff.engine.core;

import dev.skiff.engine.model.Condition;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.model.WorkflowStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * What the Kubernetes API server and {@code argo submit} do before a workflow runs: a generated name
 * (5 random characters after {@code generateName}, cut to 58 characters first), a uid, the creation time
 * and {@code -p} parameter overrides. Randomness is passed in so tests are deterministic.
 */
public final class WorkflowAdmission {

    /** Kubernetes' alphabet for generated names: no vowels, no digits easily misread. */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    /** The API server cuts generateName to this many characters before adding 5 ({@code MaxGeneratedNameLength}). */
    private static final int MAX_GENERATED_PREFIX = 58;

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
            String prefix = out.generateName();
            if (prefix.length() > MAX_GENERATED_PREFIX) {
                prefix = prefix.substring(0, MAX_GENERATED_PREFIX);
            }
            out = out.withMetadata("name", prefix + suffix);
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
        return failedBeforeStart(admitted, "invalid spec: " + problem, now);
    }

    /**
     * A workflow that ended before any node ran, in the shape Argo gives a rejected one (phase Failed, no
     * nodes, progress {@code 0/0}, started and finished now, condition Completed) with {@code message}; for
     * workflows Argo would run but Skiff cannot.
     */
    public static Workflow failedBeforeStart(Workflow admitted, String message, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> labels = Map.of("workflows.argoproj.io/phase", "Failed",
                "workflows.argoproj.io/completed", "true");
        WorkflowStatus status = new WorkflowStatus(WorkflowPhase.FAILED, Optional.of(at), Optional.of(at), "0/0",
                message, Map.of(), Optional.empty(), List.of(new Condition("Completed", "True", "")));
        return admitted.withLabels(labels).withStatus(status);
    }
}
