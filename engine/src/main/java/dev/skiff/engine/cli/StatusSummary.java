package dev.skiff.engine.cli;

import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.engine.model.WorkflowStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The header {@code argo get} prints above the tree: name, status, times, progress, parameters. Pure. */
final class StatusSummary {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z", Locale.ROOT);

    private StatusSummary() {
    }

    static List<String> lines(Workflow wf, String workflowName, WorkflowStatus status, Instant now, ZoneId zone) {
        return lines(wf, workflowName, status, status.phase().argoName(), now, zone);
    }

    private static Optional<WorkflowSpec> spec(com.fasterxml.jackson.databind.node.ObjectNode raw) {
        try {
            return Optional.of(WorkflowSpec.of(raw));
        } catch (dev.skiff.engine.model.WorkflowFormatException e) {
            return Optional.empty();
        }
    }

    /** As above with the status shown as {@code statusText} (Argo's {@code Running (Suspended)}, ...). */
    static List<String> lines(Workflow wf, String workflowName, WorkflowStatus status, String statusText, Instant now,
                              ZoneId zone) {
        List<String> lines = new ArrayList<>();
        add(lines, "Name:", workflowName);
        if (!wf.namespace().isEmpty()) {
            add(lines, "Namespace:", wf.namespace());
        }
        add(lines, "Status:", statusText);
        if (!status.message().isEmpty()) {
            add(lines, "Message:", status.message());
        }
        status.startedAt().ifPresent(t -> add(lines, "Started:", TIME.format(t.atZone(zone))));
        status.finishedAt().ifPresent(t -> add(lines, "Finished:", TIME.format(t.atZone(zone))));
        status.startedAt().ifPresent(t -> add(lines, "Duration:",
                Durations.longForm(Duration.between(t, status.finishedAt().orElse(now)))));
        if (!status.progress().isEmpty()) {
            add(lines, "Progress:", status.progress());
        }
        // Argo's GetExecSpec: a Workflow run from workflowTemplateRef shows the merged spec's parameters.
        List<Parameter> arguments = status.storedWorkflowTemplateSpec().flatMap(StatusSummary::spec)
                .orElse(wf.spec()).arguments().parameters();
        if (!arguments.isEmpty()) {
            lines.add("Parameters:");
            arguments.forEach(p -> add(lines, "  " + p.name() + ":", valueOf(p)));
        }
        List<Parameter> outputs = status.outputs().map(Outputs::parameters).orElse(List.of());
        Optional<Outputs> rootOutputs = NodeTree.root(status).flatMap(n -> n.outputs());
        List<Parameter> shown = !outputs.isEmpty() ? outputs : rootOutputs.map(Outputs::parameters).orElse(List.of());
        if (!shown.isEmpty()) {
            lines.add("Output Parameters:");
            shown.forEach(p -> add(lines, "  " + p.name() + ":", valueOf(p)));
        }
        rootOutputs.flatMap(Outputs::result).ifPresent(r -> add(lines, "Result:", oneLine(r)));
        return lines;
    }

    private static String valueOf(Parameter p) {
        return oneLine(p.value().or(p::defaultValue).orElse(""));
    }

    private static String oneLine(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 120 ? line.substring(0, 119) + "…" : line;
    }

    private static void add(List<String> lines, String label, String value) {
        lines.add(String.format(Locale.ROOT, "%-20s %s", label, value).stripTrailing());
    }
}
