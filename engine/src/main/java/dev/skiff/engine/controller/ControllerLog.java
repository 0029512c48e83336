package dev.skiff.engine.controller;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The controller's log lines: one per event that matters, {@code event=NAME key=value ...} as text; the fields
 * travel with the record too (as the only parameter, an {@link Event}), so a JSON formatter writes them as
 * fields. Never give it secrets: values are written as they are.
 */
public final class ControllerLog {

    private static final System.Logger LOG = System.getLogger("dev.skiff.controller");

    /** An event's name and fields, in order. */
    public record Event(String name, Map<String, String> fields) {
    }

    private ControllerLog() {
    }

    public static void info(String event, Object... keyValues) {
        log(System.Logger.Level.INFO, event, keyValues);
    }

    public static void warn(String event, Object... keyValues) {
        log(System.Logger.Level.WARNING, event, keyValues);
    }

    public static void error(String event, Object... keyValues) {
        log(System.Logger.Level.ERROR, event, keyValues);
    }

    public static void debug(String event, Object... keyValues) {
        log(System.Logger.Level.DEBUG, event, keyValues);
    }

    private static void log(System.Logger.Level level, String event, Object... keyValues) {
        if (!LOG.isLoggable(level)) {
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            fields.put(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
        }
        Event e = new Event(event, fields);
        LOG.log(level, text(e), e);
    }

    /** {@code event=NAME key=value ...}, values with spaces, quotes or '=' quoted as Go's %q would. */
    public static String text(Event e) {
        StringBuilder line = new StringBuilder("event=").append(e.name());
        e.fields().forEach((k, v) -> line.append(' ').append(k).append('=').append(quoteIfNeeded(v)));
        return line.toString();
    }

    private static String quoteIfNeeded(String v) {
        boolean plain = !v.isEmpty() && v.chars().allMatch(c -> c > ' ' && c != '"' && c != '=' && c < 0x7f);
        if (plain) {
            return v;
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
