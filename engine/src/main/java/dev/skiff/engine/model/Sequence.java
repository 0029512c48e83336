package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code withSequence}: numbers as loop items. Values are text because they may hold tags.
 *
 * @param count  how many numbers
 * @param start  first number (default 0)
 * @param end    last number, inclusive
 * @param format printf-style format of each number
 */
public record Sequence(Optional<String> count, Optional<String> start, Optional<String> end, String format) {

    /** How many numbers run from {@code start} to {@code end}, both included; Long.MAX_VALUE when that overflows. */
    public static long span(long start, long end) {
        try {
            return Math.addExact(Math.absExact(Math.subtractExact(end, start)), 1);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * How many items the sequence has when {@code start}, {@code end} and {@code count} are plain numbers (no
     * {@code {{...}}} tags); empty otherwise.
     */
    public OptionalLong literalSize() {
        OptionalLong first = start.isPresent() ? number(start.get()) : OptionalLong.of(0);
        if (first.isEmpty()) {
            return OptionalLong.empty();
        }
        if (end.isPresent()) {
            OptionalLong last = number(end.get());
            return last.isPresent() ? OptionalLong.of(span(first.getAsLong(), last.getAsLong())) : OptionalLong.empty();
        }
        return count.isPresent() ? number(count.get()) : OptionalLong.empty();
    }

    private static OptionalLong number(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static Optional<Sequence> read(JsonNode parent, String path) {
        String p = path + ".withSequence";
        return JsonFields.object(parent, "withSequence", path).map(s -> new Sequence(
                JsonFields.optText(s, "count", p), JsonFields.optText(s, "start", p),
                JsonFields.optText(s, "end", p), JsonFields.text(s, "format", p)));
    }
}
