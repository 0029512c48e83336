package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * {@code retryStrategy}.
 *
 * @param limit       how many retries (attempts = limit + 1); unlimited when empty
 * @param retryPolicy Always, OnFailure, OnError or OnTransientError; empty means the default
 * @param backoff     waits between attempts
 * @param expression  retry only while this expression is true
 */
public record RetryStrategy(Optional<String> limit, String retryPolicy, Optional<Backoff> backoff,
                            String expression) {

    /** The policy in effect: the given one, else Always with an expression, else OnFailure. */
    public String effectivePolicy() {
        if (!retryPolicy.isEmpty()) {
            return retryPolicy;
        }
        return expression.isEmpty() ? "OnFailure" : "Always";
    }

    static Optional<RetryStrategy> read(JsonNode parent, String path) {
        String p = path + ".retryStrategy";
        return JsonFields.object(parent, "retryStrategy", path).map(r -> new RetryStrategy(
                JsonFields.optText(r, "limit", p), JsonFields.text(r, "retryPolicy", p),
                Backoff.read(r, p), JsonFields.text(r, "expression", p)));
    }
}
