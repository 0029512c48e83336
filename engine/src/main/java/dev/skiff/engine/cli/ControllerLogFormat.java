package dev.skiff.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.controller.ControllerLog;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code skiff controller}'s log on stderr: one line per record, as text ({@code time level event=... k=v}) or
 * JSON ({@code --log-format json}: time, level, logger, event and its fields, or msg). Stack traces only with
 * {@code --debug}.
 */
enum ControllerLogFormat {
    TEXT, JSON;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static ControllerLogFormat parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new UserInputException("--log-format must be text or json, not '" + text + "'");
        };
    }

    /** Routes all logging through one stderr handler with this format: INFO and up, everything with debug. */
    void install(boolean debug) {
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(debug ? Level.ALL : Level.INFO);
        handler.setFormatter(formatter(debug));
        root.addHandler(handler);
        root.setLevel(Level.WARNING);
        Logger.getLogger("dev.skiff").setLevel(debug ? Level.ALL : Level.INFO);
    }

    Formatter formatter(boolean debug) {
        return new Formatter() {
            @Override
            public String format(LogRecord r) {
                return line(r, debug, this);
            }
        };
    }

    String line(LogRecord r, boolean debug, Formatter plain) {
        ControllerLog.Event event = r.getParameters() != null && r.getParameters().length == 1
                && r.getParameters()[0] instanceof ControllerLog.Event e ? e : null;
        String level = level(r.getLevel());
        if (this == TEXT) {
            String message = event != null ? ControllerLog.text(event) : plain.formatMessage(r);
            String thrown = r.getThrown() == null ? "" : debug ? "\n" + stackTrace(r.getThrown())
                    : " error=\"" + r.getThrown() + "\"";
            return r.getInstant() + " " + level + " " + message + thrown + "\n";
        }
        ObjectNode json = MAPPER.createObjectNode();
        json.put("time", r.getInstant().toString());
        json.put("level", level);
        json.put("logger", r.getLoggerName());
        if (event != null) {
            json.put("event", event.name());
            event.fields().forEach(json::put);
        } else {
            json.put("msg", plain.formatMessage(r));
        }
        if (r.getThrown() != null) {
            json.put("error", String.valueOf(r.getThrown()));
            if (debug) {
                json.put("stack", stackTrace(r.getThrown()));
            }
        }
        try {
            return MAPPER.writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            return "{\"msg\":\"unloggable record\"}\n";
        }
    }

    private static String level(Level level) {
        int v = level.intValue();
        return v >= Level.SEVERE.intValue() ? "error" : v >= Level.WARNING.intValue() ? "warn"
                : v >= Level.INFO.intValue() ? "info" : "debug";
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter text = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
