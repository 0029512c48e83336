package dev.skiff.engine.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * One line of a pod's log as {@code argo logs} prints it: {@code <pod>: <content>}, ordered by the
 * server's timestamp. Pure.
 *
 * @param pod     the pod it came from
 * @param time    the server's timestamp (when unreadable, the time it was read)
 * @param content the text without the timestamp, unless timestamps were asked for
 */
record LogLine(String pod, Instant time, String content) {

    /** Oldest first; lines of one instant keep their order when sorted stably. */
    static final Comparator<LogLine> BY_TIME = Comparator.comparing(LogLine::time);

    /**
     * Reads a line the API returned with {@code timestamps=true}: {@code <RFC 3339 time> <text>}.
     *
     * @param keepTimestamp keep the timestamp in the content (as {@code kubectl logs --timestamps})
     * @param now           used when the line carries no readable timestamp (then the whole line is content)
     */
    static LogLine parse(String pod, String raw, boolean keepTimestamp, Instant now) {
        int space = raw.indexOf(' ');
        String stamp = space < 0 ? raw : raw.substring(0, space);
        try {
            Instant time = Instant.parse(stamp);
            return new LogLine(pod, time, keepTimestamp ? raw : space < 0 ? "" : raw.substring(space + 1));
        } catch (DateTimeParseException e) {
            return new LogLine(pod, now, raw);
        }
    }

    /** {@code <pod>: <content>}. */
    String text() {
        return pod + ": " + content;
    }
}
