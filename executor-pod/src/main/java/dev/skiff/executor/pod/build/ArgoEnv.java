package dev.skiff.executor.pod.build;

import dev.skiff.spi.executor.StepRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code ARGO_*} variables every container of a step's pod gets (build, getDeadline). */
final class ArgoEnv {

    /** Go's time.RFC3339 for a UTC time (whole seconds, {@code Z}). */
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** Go's zero time, what ARGO_DEADLINE says when there is no deadline. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private ArgoEnv() {
    }

    /** The variables after ARGO_CONTAINER_NAME (and ARGO_TEMPLATE on init containers), in Argo's order. */
    static List<Map<String, Object>> common(StepRequest request) {
        List<Map<String, Object>> env = new ArrayList<>();
        env.add(ContainerFields.envVar(ArgoNames.ENV_NODE_ID, request.nodeId()));
        env.add(ContainerFields.envVar(ArgoNames.ENV_INCLUDE_SCRIPT_OUTPUT, String.valueOf(request.includeScriptOutput())));
        env.add(ContainerFields.envVar(ArgoNames.ENV_DEADLINE, deadline(request.workflowDeadline().orElse(null))));
        env.add(ContainerFields.envVar(ArgoNames.ENV_WORKFLOW_NAME, request.workflowName()));
        // Argo's controller defaults (1m / 3s) switch progress reporting on.
        env.add(ContainerFields.envVar(ArgoNames.ENV_PROGRESS_FILE, ArgoNames.PROGRESS_FILE));
        env.add(ContainerFields.envVar(ArgoNames.ENV_PROGRESS_PATCH_TICK, ArgoNames.PROGRESS_PATCH_TICK));
        env.add(ContainerFields.envVar(ArgoNames.ENV_PROGRESS_FILE_TICK, ArgoNames.PROGRESS_FILE_TICK));
        return env;
    }

    static String deadline(Instant deadline) {
        return deadline == null ? ZERO_TIME : RFC3339.format(deadline.truncatedTo(ChronoUnit.SECONDS));
    }
}
