package dev.skiff.engine.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One-line log records on stderr: warnings and errors normally, everything from Skiff with --debug. */
final class LogSetup {

    private LogSetup() {
    }

    static void configure(boolean debug) {
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(debug ? Level.ALL : Level.WARNING);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String thrown = r.getThrown() == null || !debug ? "" : "\n" + stackTrace(r.getThrown());
                String cause = r.getThrown() == null || debug ? "" : ": " + r.getThrown();
                return "skiff: " + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": "
                        + formatMessage(r) + cause + thrown + "\n";
            }
        });
        root.addHandler(handler);
        root.setLevel(Level.WARNING);
        Logger.getLogger("dev.skiff").setLevel(debug ? Level.ALL : Level.WARNING);
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter text = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
