package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * {@code withSequence}: numbers as loop items. Values are text because they may hold tags.
 *
 * @param count  how many numbers
 * @param start  first number (default 0)
 * @param end    last number, inclusive
 * @param format printf-style format of each number
 */
public record Sequence(Optional<String> count, Optional<String> start, Optional<String> end, String format) {

    static Optional<Sequence> read(JsonNode parent, String path) {
        String p = path + ".withSequence";
        return JsonFields.object(parent, "withSequence", path).map(s -> new Sequence(
                JsonFields.optText(s, "count", p), JsonFields.optText(s, "start", p),
                JsonFields.optText(s, "end", p), JsonFields.text(s, "format", p)));
    }
}
