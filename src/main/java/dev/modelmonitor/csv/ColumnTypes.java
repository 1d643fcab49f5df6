package dev.modelmonitor.csv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Infers the type of each column from its values, in one streaming pass: numeric when the values
 * parse as numbers (up to a tolerated share of stray text, which then counts as type mismatches),
 * boolean when they are true/false, categorical otherwise; empty cells are missing and do not
 * vote. A column of mostly numbers with more stray text than tolerated is an error naming the
 * line of the first stray value, not a categorical column. {@code --types col=categorical,…} overrides the inference per column.
 */
public final class ColumnTypes {
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private final Map<String, ColumnType> overrides;
  private final double tolerance;

  /**
   * @param columns the columns to type
   * @param overrides explicit types that win over inference
   * @param tolerance share of non-numeric values a numeric column may hold (e.g. 0.01)
   */
  public ColumnTypes(List<String> columns, Map<String, ColumnType> overrides, double tolerance) {
    for (String column : columns) {
      tallies.put(column, new Tally());
    }
    this.overrides = overrides;
    this.tolerance = tolerance;
  }

  /** Parses {@code col=type,col=type} (repeatable option values). */
  public static Map<String, ColumnType> parseOverrides(List<String> specs) {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (String spec : specs) {
      for (String part : spec.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "--types '" + part + "' must read column=type, e.g. --types season=categorical");
        }
        try {
          types.put(part.substring(0, eq).trim(), ColumnType.parse(part.substring(eq + 1)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--types '" + part + "': " + e.getMessage());
        }
      }
    }
    return types;
  }

  /** Counts one row's values. */
  public void observe(CsvSource.Row row) {
    for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
      String value = row.get(entry.getKey());
      Tally tally = entry.getValue();
      if (value.isEmpty()) {
        continue;
      }
      tally.present++;
      if (isNumber(value)) {
        tally.numeric++;
      } else {
        if (tally.firstText == null) {
          tally.firstText = value;
          tally.firstTextLine = row.line();
        }
        if (isBoolean(value)) {
          tally.bool++;
        }
      }
    }
  }

  /** The decided types; fails naming the line of the first stray value beyond the tolerance. */
  public Map<String, ColumnType> types(String file) {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
      String column = entry.getKey();
      Tally t = entry.getValue();
      ColumnType forced = overrides.get(column);
      if (forced == ColumnType.NUMERIC && t.present > t.numeric
          && (t.present - t.numeric) > tolerance * t.present) {
        throw new CsvFormatException(
            file, t.firstTextLine,
            "column '" + column + "' is declared numeric but holds '" + t.firstText + "' ("
                + (t.present - t.numeric) + " of " + t.present + " values are not numbers, more than the "
                + (tolerance * 100) + "% tolerated)");
      }
      if (forced != null) {
        types.put(column, forced);
      } else if (t.present > 0 && t.bool == t.present) {
        types.put(column, ColumnType.BOOLEAN);
      } else if (t.present > 0 && t.numeric >= t.present * (1 - tolerance) && t.numeric > 0) {
        types.put(column, ColumnType.NUMERIC);
      } else if (t.numeric * 2 > t.present) {
        // Mostly numbers: reading it as categories would hide bad values behind a type guess.
        throw new CsvFormatException(
            file, t.firstTextLine,
            "column '" + column + "' holds mostly numbers but also '" + t.firstText + "' ("
                + (t.present - t.numeric) + " of " + t.present + " values are not numbers, more than the "
                + (tolerance * 100) + "% tolerated); fix the values, raise --type-tolerance, or declare it"
                + " with --types " + column + "=categorical");
      } else {
        types.put(column, ColumnType.CATEGORICAL);
      }
    }
    return types;
  }

  static boolean isNumber(String value) {
    try {
      double d = Double.parseDouble(value);
      return !Double.isNaN(d) && !Double.isInfinite(d);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static boolean isBoolean(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    return v.equals("true") || v.equals("false");
  }

  private static final class Tally {
    long present;
    long numeric;
    long bool;
    String firstText;
    long firstTextLine;
  }
}
