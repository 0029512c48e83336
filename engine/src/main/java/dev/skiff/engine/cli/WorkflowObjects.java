package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.model.WorkflowStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reading Workflow objects as the API returns them (Jackson trees). Pure. */
final class WorkflowObjects {

    private static final Set<String> DONE = Set.of("Succeeded", "Failed", "Error");

    private WorkflowObjects() {
    }

    static String name(JsonNode wf) {
        return wf.path("metadata").path("name").asText("");
    }

    static String namespace(JsonNode wf) {
        return wf.path("metadata").path("namespace").asText("");
    }

    static String resourceVersion(JsonNode wf) {
        return wf.path("metadata").path("resourceVersion").asText("");
    }

    /** {@code status.phase}, "" before the controller saw the workflow. */
    static String phase(JsonNode wf) {
        return wf.path("status").path("phase").asText("");
    }

    /** As Argo's CLI decides it: a finish time is set, or the phase is a final one. */
    static boolean isDone(JsonNode wf) {
        return time(wf.path("status"), "finishedAt").isPresent() || DONE.contains(phase(wf));
    }

    static Instant creationTimestamp(JsonNode wf) {
        return time(wf.path("metadata"), "creationTimestamp").orElse(Instant.EPOCH);
    }

    static Optional<Instant> time(JsonNode parent, String field) {
        String text = parent.path(field).asText("");
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The object without {@code metadata.managedFields}, which kubectl hides too. */
    static ObjectNode withoutManagedFields(ObjectNode wf) {
        ObjectNode copy = wf.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
        }
        return copy;
    }

    /**
     * The object as the engine's model, for the displays {@code skiff run} uses (compressed nodes
     * restored).
     *
     * @throws CommandFailedException when its status cannot be read
     */
    static Workflow toWorkflow(ObjectNode wf) {
        String source = "workflow " + namespace(wf) + "/" + name(wf);
        try {
            return WorkflowCodec.read(withoutManagedFields(CompressedNodes.expanded(wf)).toString(), source);
        } catch (WorkflowFormatException e) {
            throw new CommandFailedException(e.getMessage(), e);
        }
    }

    /** The status, or a Pending one while the controller has not written any. */
    static WorkflowStatus statusOrPending(Workflow wf) {
        return wf.status().orElseGet(() -> new WorkflowStatus(WorkflowPhase.PENDING, Optional.empty(),
                Optional.empty(), "", "", Map.of(), Optional.empty(), List.of()));
    }
}
