package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The status word {@code argo list} and {@code argo get} show: the phase, {@code Running (Suspended)}
 * while {@code spec.suspend} is set or a suspend node waits, {@code Failed (Terminated)} after a
 * shutdown, {@code Pending} before the controller wrote a phase. Pure.
 */
final class WorkflowStatusText {

    private WorkflowStatusText() {
    }

    static String of(JsonNode wf) {
        String phase = WorkflowObjects.phase(wf);
        return switch (phase) {
            case "Running" -> isSuspended(wf) ? "Running (Suspended)" : "Running";
            case "Failed" -> wf.path("spec").path("shutdown").asText("").isEmpty() ? "Failed" : "Failed (Terminated)";
            case "", "Pending" -> wf.path("metadata").path("creationTimestamp").asText("").isEmpty()
                    ? "Unknown" : "Pending";
            default -> phase;
        };
    }

    /** {@code spec.suspend} is true, or a suspend node is running (waiting to be resumed). */
    static boolean isSuspended(JsonNode wf) {
        if (wf.path("spec").path("suspend").asBoolean(false)) {
            return true;
        }
        for (JsonNode node : wf.path("status").path("nodes")) {
            if (isActiveSuspendNode(node)) {
                return true;
            }
        }
        return false;
    }

    static boolean isActiveSuspendNode(JsonNode node) {
        return "Suspend".equals(node.path("type").asText()) && "Running".equals(node.path("phase").asText());
    }
}
