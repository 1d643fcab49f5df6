package dev.modelmonitor.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for terminals: a header row and columns padded to their widest cell. */
public final class TextTable {
  private final List<String> header;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  /** Columns whose name starts with {@code >} are right-aligned (the {@code >} is not shown). */
  public TextTable(String... columns) {
    header = new ArrayList<>();
    rightAligned = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      rightAligned[i] = columns[i].startsWith(">");
      header.add(rightAligned[i] ? columns[i].substring(1) : columns[i]);
    }
  }

  public TextTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells but the table has " + header.size() + " columns");
    }
    rows.add(List.of(cells));
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table with {@code indent} before each line; lines end in {@code \n}. */
  public String render(String indent) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = width(header.get(i));
      for (List<String> r : rows) {
        widths[i] = Math.max(widths[i], width(r.get(i)));
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, indent, header, widths);
    for (List<String> r : rows) {
      line(out, indent, r, widths);
    }
    return out.toString();
  }

  private void line(StringBuilder out, String indent, List<String> cells, int[] widths) {
    StringBuilder l = new StringBuilder(indent);
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      String pad = " ".repeat(widths[i] - width(c));
      l.append(rightAligned[i] ? pad + c : c + (i == cells.size() - 1 ? "" : pad));
      if (i < cells.size() - 1) {
        l.append("  ");
      }
    }
    out.append(l.toString().stripTrailing()).append('\n');
  }

  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }
}
