package dev.ferrum.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table, columns padded to their widest cell: text columns to the left, figures to the right. */
final class Table {

    private final List<List<String>> rows = new ArrayList<>();
    private final boolean lastIsText;

    /** {@code lastIsText}: the last column is text (notes) and is left-aligned, like the first. */
    Table(List<String> header, boolean lastIsText) {
        rows.add(header);
        this.lastIsText = lastIsText;
    }

    void row(List<String> cells) {
        rows.add(cells);
    }

    void print(PrintStream out) {
        int[] width = new int[rows.getFirst().size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = rows.get(i);
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < cells.size(); c++) {
                boolean left = c == 0 || (lastIsText && c == cells.size() - 1);
                String fill = " ".repeat(Math.max(0, width[c] - cells.get(c).length()));
                b.append(c == 0 ? "" : " | ").append(left ? cells.get(c) + fill : fill + cells.get(c));
            }
            out.println(b.toString().stripTrailing());
            if (i == 0) {
                StringBuilder rule = new StringBuilder();
                for (int c = 0; c < width.length; c++) {
                    rule.append(c == 0 ? "" : "-|-").append("-".repeat(width[c]));
                }
                out.println(rule);
            }
        }
    }

    static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }

    /** Milliseconds with the precision that matters at their size. */
    static String ms(double value) {
        return fmt(value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%.0f", value);
    }
}
