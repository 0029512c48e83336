package dev.skiff.engine.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * Rows printed as kubectl prints tables: each column but the last padded to its widest cell plus two spaces, the
 * last one as it is (so a long status or message is never padded).
 */
final class AlignedColumns {

    private AlignedColumns() {
    }

    /** Prints {@code header} and {@code rows} (each the same number of cells as the header) and flushes. */
    static void print(PrintStream out, String[] header, List<String[]> rows) {
        int last = header.length - 1;
        int[] widths = new int[last];
        for (int i = 0; i < last; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        line(out, header, widths);
        rows.forEach(row -> line(out, row, widths));
        out.flush();
    }

    private static void line(PrintStream out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            line.append(cells[i]).append(" ".repeat(widths[i] - cells[i].length() + 2));
        }
        out.println(line.append(cells[widths.length]));
    }
}
