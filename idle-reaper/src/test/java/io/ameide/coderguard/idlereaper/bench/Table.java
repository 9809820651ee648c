package io.ameide.coderguard.idlereaper.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table: the first column left-aligned, the others right-aligned, widths fitted to the content. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(Object... cells) {
        rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
        return this;
    }

    String render() {
        int[] widths = widths();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            text.append(line(rows.get(i), widths)).append('\n');
            if (i == 0) {
                text.append(rule(widths)).append('\n');
            }
        }
        return text.toString();
    }

    private int[] widths() {
        int columns = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        return widths;
    }

    private static String line(String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            String format = c == 0 ? "%-" + widths[c] + "s" : "  %" + widths[c] + "s";
            line.append(String.format(format, row[c]));
        }
        return line.toString().stripTrailing();
    }

    private static String rule(int[] widths) {
        int total = Arrays.stream(widths).sum() + 2 * (widths.length - 1);
        return "-".repeat(total);
    }
}
