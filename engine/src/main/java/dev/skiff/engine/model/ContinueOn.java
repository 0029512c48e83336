package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * {@code continueOn}: let the enclosing steps/DAG go on when this step fails or errors.
 *
 * @param error  continue when the step errors
 * @param failed continue when the step fails
 */
public record ContinueOn(boolean error, boolean failed) {

    /** Whether a step in this phase lets its group go on. */
    public boolean continuesOn(NodePhase phase) {
        return (phase == NodePhase.ERROR && error) || (phase == NodePhase.FAILED && failed);
    }

    static Optional<ContinueOn> read(JsonNode parent, String path) {
        return JsonFields.object(parent, "continueOn", path).map(c -> new ContinueOn(
                JsonFields.bool(c, "error", path + ".continueOn").orElse(false),
                JsonFields.bool(c, "failed", path + ".continueOn").orElse(false)));
    }
}
