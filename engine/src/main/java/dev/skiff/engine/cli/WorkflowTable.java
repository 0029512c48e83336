package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The table {@code argo list} prints: NAME, STATUS, AGE, DURATION, PRIORITY, MESSAGE (NAMESPACE
 * first for all namespaces; wide adds P/R/C, the pending, running and completed pods, and
 * PARAMETERS), columns three spaces apart, running workflows first (newest first), then finished
 * ones (latest finish first). Pure: the clock reading is passed in.
 *
 * @param allNamespaces show the NAMESPACE column
 * @param wide          add P/R/C and PARAMETERS
 * @param headers       print the header line
 */
record WorkflowTable(boolean allNamespaces, boolean wide, boolean headers) {

    private static final Set<String> FULFILLED = Set.of("Succeeded", "Failed", "Error", "Skipped", "Omitted");

    /** Argo's order: unfinished before finished; unfinished newest first; finished by latest finish. */
    static final Comparator<JsonNode> ORDER = Comparator
            .comparing((JsonNode wf) -> finishedAt(wf).isPresent())
            .thenComparing((JsonNode wf) -> finishedAt(wf).orElse(Instant.MIN), Comparator.reverseOrder())
            .thenComparing(WorkflowObjects::creationTimestamp, Comparator.reverseOrder());

    List<String> lines(List<? extends JsonNode> workflows, Instant now) {
        List<String[]> rows = new ArrayList<>();
        if (headers) {
            rows.add(cells(allNamespaces ? "NAMESPACE" : null, "NAME", "STATUS", "AGE", "DURATION", "PRIORITY",
                    "MESSAGE", "P/R/C", "PARAMETERS"));
        }
        workflows.stream().sorted(ORDER).forEach(wf -> rows.add(row(wf instanceof ObjectNode o
                ? CompressedNodes.expanded(o) : wf, now)));
        int columns = rows.isEmpty() ? 0 : rows.getFirst().length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - row[c].length() + 3));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private String[] row(JsonNode wf, Instant now) {
        JsonNode status = wf.path("status");
        String age = ShortDuration.of(Duration.between(WorkflowObjects.creationTimestamp(wf), now));
        Optional<Instant> started = WorkflowObjects.time(status, "startedAt");
        String duration = started.map(s -> ShortDuration.of(Duration.between(s, finishedAt(wf).orElse(now))))
                .orElse("0s");
        return cells(allNamespaces ? WorkflowObjects.namespace(wf) : null, WorkflowObjects.name(wf),
                WorkflowStatusText.of(wf), age, duration, Integer.toString(wf.path("spec").path("priority").asInt(0)),
                status.path("message").asText("").replace('\n', ' '), podCounts(status), parameters(wf));
    }

    private String[] cells(String namespace, String name, String status, String age, String duration,
                           String priority, String message, String counts, String parameters) {
        List<String> cells = new ArrayList<>();
        if (namespace != null) {
            cells.add(namespace);
        }
        cells.addAll(List.of(name, status, age, duration, priority, message));
        if (wide) {
            cells.add(counts);
            cells.add(parameters);
        }
        return cells.toArray(String[]::new);
    }

    private static Optional<Instant> finishedAt(JsonNode wf) {
        return WorkflowObjects.time(wf.path("status"), "finishedAt");
    }

    /** Pending/running/completed pod nodes, as {@code P/R/C}. */
    private static String podCounts(JsonNode status) {
        int pending = 0;
        int running = 0;
        int completed = 0;
        for (JsonNode node : status.path("nodes")) {
            if (!"Pod".equals(node.path("type").asText())) {
                continue;
            }
            String phase = node.path("phase").asText("");
            if (FULFILLED.contains(phase)) {
                completed++;
            } else if ("Running".equals(phase)) {
                running++;
            } else {
                pending++;
            }
        }
        return pending + "/" + running + "/" + completed;
    }

    /** {@code name=value,...} of the arguments with a value; long values keep their first 32 and last 15 characters. */
    private static String parameters(JsonNode wf) {
        List<String> parts = new ArrayList<>();
        for (JsonNode p : wf.path("spec").path("arguments").path("parameters")) {
            if (p.has("value") && !p.get("value").isNull()) {
                String value = p.get("value").isTextual() ? p.get("value").asText() : p.get("value").toString();
                if (value.length() > 50) {
                    value = value.substring(0, 32) + "..." + value.substring(value.length() - 15);
                }
                parts.add(p.path("name").asText() + "=" + value);
            }
        }
        return String.join(",", parts);
    }
}
