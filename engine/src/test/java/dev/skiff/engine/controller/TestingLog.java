package dev.skiff.engine.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what Skiff logs while a test runs (JUL, level INFO and up). */
final class TestingLog extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.skiff");
    private final Level before = logger.getLevel();
    private final List<LogRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());

    TestingLog() {
        setLevel(Level.ALL);
        logger.setLevel(Level.INFO);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** The messages of the records, one per line. */
    String text() {
        StringBuilder out = new StringBuilder();
        records().forEach(r -> out.append(r.getLevel()).append(' ').append(r.getMessage()).append('\n'));
        return out.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(before);
    }
}
