package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A workflow's {@code spec.ttlStrategy} (Argo's TTLStrategy): how long a finished workflow is kept.
 *
 * @param secondsAfterCompletion kept this long after it ended, whatever its phase
 * @param secondsAfterSuccess    kept this long after it Succeeded
 * @param secondsAfterFailure    kept this long after it Failed
 */
public record TtlStrategy(Optional<Long> secondsAfterCompletion, Optional<Long> secondsAfterSuccess,
                          Optional<Long> secondsAfterFailure) {

    static TtlStrategy read(ObjectNode node) {
        String path = "spec.ttlStrategy";
        return new TtlStrategy(JsonFields.integer(node, "secondsAfterCompletion", path),
                JsonFields.integer(node, "secondsAfterSuccess", path),
                JsonFields.integer(node, "secondsAfterFailure", path));
    }
}
