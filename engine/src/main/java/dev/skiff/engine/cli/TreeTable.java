package dev.skiff.engine.cli;

import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.WorkflowStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The node tree as a table like {@code argo watch}: STEP, TEMPLATE, PODNAME, DURATION, MESSAGE;
 * the wide form adds EXIT and OUTPUTS, and for a workflow of a cluster where each pod ran (CLUSTER, NAMESPACE). Pure: the clock reading and terminal width are passed in.
 * Lines wider than the terminal are cut (live frames, redrawn in place), or, for the last frame, made to
 * fit: PODNAME is left out when the other columns leave too little room, and messages wrap in their column.
 *
 * @param wide    whether to add the wide columns
 * @param colour  whether to colour the phase symbols (terminals only)
 * @param columns the terminal width; 0 for no limit
 * @param fit     whether to fit lines to the width (wrap, drop PODNAME) instead of cutting them
 */
record TreeTable(boolean wide, boolean colour, int columns, boolean fit) {

    private static final int OUTPUTS_WIDTH = 40;
    /** The narrowest MESSAGE column worth wrapping in; narrower, messages go on lines of their own. */
    private static final int MIN_MESSAGE_WIDTH = 24;
    private static final String MESSAGE_INDENT = "    ";

    /** A table that cuts lines at {@code columns}. */
    TreeTable(boolean wide, boolean colour, int columns) {
        this(wide, colour, columns, false);
    }

    /** The table's lines, header first; empty when the status has no nodes yet. */
    List<String> lines(String workflowName, WorkflowStatus status, Instant now) {
        return lines(workflowName, status, now, Optional.empty());
    }

    /**
     * The table's lines; with {@code places} (and wide), CLUSTER and NAMESPACE columns after PODNAME hold, for pod
     * nodes, the two cells {@code places} gives.
     */
    List<String> lines(String workflowName, WorkflowStatus status, Instant now,
                       Optional<Function<NodeStatus, String[]>> places) {
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
        if (wide && places.isPresent()) {
            for (int r = 0; r < cells.size(); r++) {
                NodeStatus node = r == 0 ? null : rows.get(r - 1).node();
                String[] place = r == 0 ? new String[] {"CLUSTER", "NAMESPACE"}
                        : node.type() == NodeType.POD ? places.get().apply(node) : new String[] {"", ""};
                cells.set(r, withPlace(cells.get(r), place));
            }
        }
        int[] widths = widths(cells);
        if (fit && columns > 0 && messageStart(widths) > columns - MIN_MESSAGE_WIDTH) {
            cells.replaceAll(TreeTable::withoutPodName);
            widths = widths(cells);
        }
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < cells.size(); r++) {
            List<String> rowLines = fit && columns > 0 ? fitted(cells.get(r), widths) : List.of(cut(join(cells.get(r),
                    widths)));
            for (int i = 0; i < rowLines.size(); i++) {
                lines.add(r == 0 || i > 0 ? rowLines.get(i) : colourSymbol(rowLines.get(i), rows.get(r - 1)));
            }
        }
        return lines;
    }

    private static int[] widths(List<String[]> cells) {
        int[] widths = new int[cells.get(0).length];
        for (String[] line : cells) {
            for (int c = 0; c < line.length - 1; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        return widths;
    }

    /** Where the last (MESSAGE) column starts. */
    private static int messageStart(int[] widths) {
        int start = 0;
        for (int c = 0; c < widths.length - 1; c++) {
            start += widths[c] + 2;
        }
        return start;
    }

    private static String[] withPlace(String[] row, String[] place) {
        List<String> all = new ArrayList<>(List.of(row));
        all.addAll(3, List.of(place));
        return all.toArray(String[]::new);
    }

    private static String[] withoutPodName(String[] row) {
        List<String> kept = new ArrayList<>(List.of(row));
        kept.remove(2);
        return kept.toArray(String[]::new);
    }

    private String cut(String line) {
        return columns > 0 && line.length() > columns ? line.substring(0, columns) : line;
    }

    /** One row as lines within the width: its message wrapped in the MESSAGE column, or below the row. */
    private List<String> fitted(String[] row, int[] widths) {
        String message = row[row.length - 1];
        String[] rest = row.clone();
        rest[rest.length - 1] = "";
        String head = join(rest, widths);
        int start = messageStart(widths);
        if (message.isEmpty() || start + message.length() <= columns) {
            return List.of(join(row, widths));
        }
        List<String> lines = new ArrayList<>();
        if (columns - start >= MIN_MESSAGE_WIDTH) {
            List<String> parts = wrap(message, columns - start);
            lines.add(head + " ".repeat(Math.max(0, start - head.length())) + parts.getFirst());
            parts.subList(1, parts.size()).forEach(p -> lines.add(" ".repeat(start) + p));
        } else {
            lines.add(head);
            wrap(message, Math.max(MIN_MESSAGE_WIDTH, columns - MESSAGE_INDENT.length()))
                    .forEach(p -> lines.add(MESSAGE_INDENT + p));
        }
        return lines;
    }

    /** Words of {@code text} in lines of at most {@code width} characters (longer words are split). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            while (word.length() > width) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
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
            return new String[] {step, node.templateLabel(), pod_, duration, message};
        }
        Outputs outputs = node.outputs().orElse(Outputs.EMPTY);
        return new String[] {step, node.templateLabel(), pod_, duration, outputs.exitCode().orElse(""),
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
