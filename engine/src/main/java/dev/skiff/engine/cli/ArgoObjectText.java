package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.cron.CronException;
import dev.skiff.engine.cron.CronSchedule;
import dev.skiff.engine.cron.CronWorkflow;
import dev.skiff.engine.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the template and cron commands print objects, as Argo's CLI does: templates as {@code Name:},
 * {@code Namespace:}, {@code Created:}; CronWorkflows as {@code argo cron get} (schedules, suspended, last and next
 * run, active workflows, conditions) and {@code argo cron list}'s columns; tables padded as Go's tabwriter. Pure
 * but for the printing.
 */
final class ArgoObjectText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z", Locale.ROOT);

    private ArgoObjectText() {
    }

    /** The object as {@code get} shows it, or as {@code -o} asks. */
    static void print(CliIo io, ObjectNode object, Optional<ObjectOutput> format) {
        if (format.isPresent() && format.get() != ObjectOutput.WIDE) {
            ObjectPrinter.print(io.out(), object, format.get());
            return;
        }
        List<String> lines = ArgoKind.CRON_WORKFLOW.kind().equals(object.path("kind").asText(""))
                ? cronLines(object, io.clock().instant()) : templateLines(object, io.clock().instant());
        lines.forEach(io.out()::println);
        io.out().flush();
    }

    static List<String> templateLines(ObjectNode object, Instant now) {
        List<String> lines = new ArrayList<>();
        add(lines, 20, "Name:", WorkflowObjects.name(object));
        add(lines, 20, "Namespace:", WorkflowObjects.namespace(object));
        add(lines, 20, "Created:", timestamp(WorkflowObjects.creationTimestamp(object), now));
        return lines;
    }

    static List<String> cronLines(ObjectNode object, Instant now) {
        CronWorkflow cron = CronWorkflow.read(object);
        List<String> lines = new ArrayList<>();
        add(lines, 30, "Name:", cron.name());
        add(lines, 30, "Namespace:", cron.namespace());
        add(lines, 30, "Created:", timestamp(WorkflowObjects.creationTimestamp(object), now));
        add(lines, 30, "Schedules:", String.join(",", cron.schedules()));
        add(lines, 30, "Suspended:", String.valueOf(cron.suspend()));
        if (!cron.timezone().isEmpty()) {
            add(lines, 30, "Timezone:", cron.timezone());
        }
        cron.startingDeadlineSeconds().ifPresent(s -> add(lines, 30, "StartingDeadlineSeconds:", s.toString()));
        if (!cron.concurrencyPolicy().isEmpty()) {
            add(lines, 30, "ConcurrencyPolicy:", cron.concurrencyPolicy());
        }
        cron.status().lastScheduledTime().ifPresent(t -> add(lines, 30, "LastScheduledTime:", timestamp(t, now)));
        nextRun(cron, now).ifPresent(t -> add(lines, 30, "NextScheduledTime:", timestamp(t, now)
                + " (assumes workflow-controller is in UTC)"));
        if (!cron.status().active().isEmpty()) {
            add(lines, 30, "Active Workflows:", String.join(", ", cron.status().active().stream()
                    .map(a -> a.path("name").asText("")).toList()));
        }
        if (!cron.status().conditions().isEmpty()) {
            lines.add("Conditions:");
            for (Condition c : cron.status().conditions()) {
                String mark = c.type().equals("SubmissionError") ? "✖" : "●";
                add(lines, 30, mark + " " + c.type(), c.message());
            }
        }
        List<JsonNode> parameters = new ArrayList<>();
        object.path("spec").path("workflowSpec").path("arguments").path("parameters").forEach(parameters::add);
        if (!parameters.isEmpty()) {
            add(lines, 30, "Workflow Parameters:", "");
            parameters.forEach(p -> add(lines, 30, "  " + p.path("name").asText("") + ":",
                    p.path("value").asText("")));
        }
        return lines;
    }

    /** {@code argo cron list}'s row: NAME AGE LAST RUN NEXT RUN SCHEDULES TIMEZONE SUSPENDED. */
    static List<String> cronRow(ObjectNode object, Instant now, boolean withNamespace) {
        CronWorkflow cron = CronWorkflow.read(object);
        List<String> row = new ArrayList<>();
        if (withNamespace) {
            row.add(cron.namespace());
        }
        row.add(cron.name());
        row.add(ShortDuration.of(Duration.between(WorkflowObjects.creationTimestamp(object), now)));
        row.add(cron.status().lastScheduledTime().map(t -> ShortDuration.of(Duration.between(t, now))).orElse("N/A"));
        row.add(nextRun(cron, now).map(t -> ShortDuration.of(Duration.between(now, t))).orElse("N/A"));
        row.add(String.join(",", cron.schedules()));
        row.add(cron.timezone());
        row.add(String.valueOf(cron.suspend()));
        return row;
    }

    /** The next activation of any schedule (in UTC unless the CronWorkflow names a timezone), if it parses. */
    static Optional<Instant> nextRun(CronWorkflow cron, Instant now) {
        Optional<Instant> next = Optional.empty();
        for (String spec : cron.schedulesWithTimezone()) {
            try {
                Optional<Instant> t = CronSchedule.parse(spec, ZoneOffset.UTC).next(now);
                if (t.isPresent() && (next.isEmpty() || t.get().isBefore(next.get()))) {
                    next = t;
                }
            } catch (CronException e) {
                return Optional.empty();
            }
        }
        return next;
    }

    /** Rows padded as Go's tabwriter with padding 3. */
    static List<String> table(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 3));
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String timestamp(Instant t, Instant now) {
        Duration d = Duration.between(t, now);
        String relative = d.isNegative() ? "in " + ShortDuration.of(d) : ShortDuration.of(d) + " ago";
        return TIME.format(t.atZone(ZoneId.systemDefault())) + " (" + relative + ")";
    }

    private static void add(List<String> lines, int width, String label, String value) {
        lines.add(String.format(Locale.ROOT, "%-" + width + "s %s", label, value).stripTrailing());
    }
}
