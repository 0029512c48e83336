package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Retry back-off: wait {@code duration * factor^(attempt-1)}, at most {@code cap}, stop after
 * {@code maxDuration} since the first attempt.
 *
 * @param duration    base wait such as {@code 10s} or {@code 2}
 * @param factor      growth factor (an integer in Argo)
 * @param maxDuration give up this long after the first attempt started
 * @param cap         longest single wait
 */
public record Backoff(String duration, Optional<String> factor, String maxDuration, String cap) {

    static Optional<Backoff> read(JsonNode parent, String path) {
        String p = path + ".backoff";
        return JsonFields.object(parent, "backoff", path).map(b -> new Backoff(
                JsonFields.text(b, "duration", p), JsonFields.optText(b, "factor", p),
                JsonFields.text(b, "maxDuration", p), JsonFields.text(b, "cap", p)));
    }
}
