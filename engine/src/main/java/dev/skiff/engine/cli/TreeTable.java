package dev.skiff.engine.cli;

import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.WorkflowStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The node tree as a table like {@code argo watch}: STEP, TEMPLATE, PODNAME, DURATION, MESSAGE;
 * the wide form adds EXIT and OUTPUTS. Pure: the clock reading and terminal width are passed in.
 *
 * @param wide    whether to add the wide columns
 * @param colour  whether to colour the phase symbols (terminals only)
 * @param columns the terminal width to cut lines at; 0 for no limit
 */
record TreeTable(boolean wide, boolean colour, int columns) {

    private static final int OUTPUTS_WIDTH = 40;

    /** The table's lines, header first; empty when the status has no nodes yet. */
    List<String> lines(String workflowName, WorkflowStatus status, Instant now) {
        List<TreeRow> rows = NodeTree.rows(status);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(wide ? new String[] {"STEP", "TEMPLATE", "PODNAME", "DURATION", "EXIT", "OUTPUTS", "MESSAGE"}
                : new String[] {"STEP", "TEMPLATE", "PODNAME", "DURATION", "MESSAGE"});
        for (TreeRow row : rows) {
            cells.add(cells(workflowName, row, now));
        }
        int[] widths = new int[cells.get(0).length];
        for (String[] line : cells) {
            for (int c = 0; c < line.length - 1; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < cells.size(); r++) {
            String plain = join(cells.get(r), widths);
            plain = columns > 0 && plain.length() > columns ? plain.substring(0, columns) : plain;
            lines.add(r == 0 ? plain : colourSymbol(plain, rows.get(r - 1)));
        }
        return lines;
    }

    private String[] cells(String workflowName, TreeRow row, Instant now) {
        NodeStatus node = row.node();
        boolean pod = node.type() == NodeType.POD;
        String step = row.prefix() + PhaseSymbols.of(node, false) + " " + node.displayName();
        String pod_ = pod ? node.podName(workflowName) : "";
        String duration = pod ? Durations.between(node.startedAt(), node.finishedAt(), now) : "";
        String message = node.message().replace('\n', ' ');
        if (!wide) {
            return new String[] {step, node.templateName(), pod_, duration, message};
        }
        Outputs outputs = node.outputs().orElse(Outputs.EMPTY);
        return new String[] {step, node.templateName(), pod_, duration, outputs.exitCode().orElse(""),
            outputsText(outputs), message};
    }

    private static String outputsText(Outputs outputs) {
        List<String> parts = new ArrayList<>();
        outputs.result().ifPresent(r -> parts.add("result=" + r.replace('\n', ' ')));
        for (Parameter p : outputs.parameters()) {
            parts.add(p.name() + "=" + p.value().orElse("").replace('\n', ' '));
        }
        String text = String.join(", ", parts);
        return text.length() > OUTPUTS_WIDTH ? text.substring(0, OUTPUTS_WIDTH - 1) + "…" : text;
    }

    private static String join(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(cells[c]);
            if (c < cells.length - 1) {
                line.append(" ".repeat(widths[c] - cells[c].length() + 2));
            }
        }
        return line.toString().stripTrailing();
    }

    private String colourSymbol(String plain, TreeRow row) {
        if (!colour) {
            return plain;
        }
        int at = row.prefix().length();
        String symbol = PhaseSymbols.of(row.node(), false);
        if (plain.length() < at + symbol.length() || !plain.startsWith(symbol, at)) {
            return plain;
        }
        return plain.substring(0, at) + PhaseSymbols.of(row.node(), true) + plain.substring(at + symbol.length());
    }
}
