package dev.modelmonitor.csv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rows of a CSV to use: {@code --where column=value} conditions (all must hold) and a
 * {@code --rows FROM:TO} range of data-row numbers (1-based, inclusive; either end may be open).
 * Lets one file serve as reference (say {@code yr=0}) and as live traffic ({@code yr=1}).
 */
public final class RowFilter {
  private final Map<String, String> equals;
  private final long from;
  private final long to;

  private RowFilter(Map<String, String> equals, long from, long to) {
    this.equals = equals;
    this.from = from;
    this.to = to;
  }

  public static RowFilter all() {
    return new RowFilter(Map.of(), 1, Long.MAX_VALUE);
  }

  /**
   * @param where conditions as {@code column=value}
   * @param rows {@code FROM:TO}, {@code FROM:} or {@code :TO}; null for all rows
   */
  public static RowFilter of(List<String> where, String rows) {
    Map<String, String> equals = new LinkedHashMap<>();
    for (String condition : where) {
      int eq = condition.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "--where '" + condition + "' must read column=value, e.g. --where yr=0");
      }
      equals.put(condition.substring(0, eq).trim(), condition.substring(eq + 1).trim());
    }
    long from = 1;
    long to = Long.MAX_VALUE;
    if (rows != null) {
      int colon = rows.indexOf(':');
      try {
        if (colon < 0) {
          throw new NumberFormatException();
        }
        String a = rows.substring(0, colon).trim();
        String b = rows.substring(colon + 1).trim();
        from = a.isEmpty() ? 1 : Long.parseLong(a);
        to = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--rows '" + rows + "' must read FROM:TO (1-based data rows, inclusive), e.g. 1:3650");
      }
      if (from < 1 || to < from) {
        throw new IllegalArgumentException("--rows '" + rows + "' is empty or starts before row 1");
      }
    }
    return new RowFilter(equals, from, to);
  }

  void checkColumns(CsvSource source) {
    source.requireColumns("--where", equals.keySet());
  }

  boolean accepts(CsvSource.Row row) {
    if (row.number() < from || row.number() > to) {
      return false;
    }
    for (Map.Entry<String, String> condition : equals.entrySet()) {
      if (!row.get(condition.getKey()).equals(condition.getValue())) {
        return false;
      }
    }
    return true;
  }
}
