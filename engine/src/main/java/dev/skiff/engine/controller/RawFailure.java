package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The object to write for a Workflow the controller cannot even read (Argo's {@code cannot unmarshall spec}):
 * built on the raw JSON, since there is no model of it. Phase Failed (or another given one) with the message,
 * Argo's labels and Completed condition; what the status held otherwise is kept.
 */
final class RawFailure {

    private RawFailure() {
    }

    static ObjectNode document(ObjectNode base, String phase, String message, Instant now) {
        ObjectNode out = base.deepCopy();
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode labels = out.withObjectProperty("metadata").withObjectProperty("labels");
        labels.put("workflows.argoproj.io/phase", phase);
        labels.put("workflows.argoproj.io/completed", "true");
        ObjectNode status = out.path("status") instanceof ObjectNode s ? s : out.putObject("status");
        status.put("phase", phase);
        status.put("message", message);
        if (!status.path("startedAt").isTextual()) {
            status.put("startedAt", at);
        }
        status.put("finishedAt", at);
        if (!status.path("progress").isTextual()) {
            status.put("progress", "0/0");
        }
        status.putArray("conditions").addObject().put("type", "Completed").put("status", "True");
        return out;
    }
}
