package dev.modelmonitor.csv;

import java.util.Locale;

/** How a CSV column is read: as numbers, as categories (text), or as booleans. */
public enum ColumnType {
  NUMERIC,
  CATEGORICAL,
  BOOLEAN;

  /** Parses {@code numeric}, {@code categorical} or {@code boolean} as written in {@code --types}. */
  public static ColumnType parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown column type '" + text + "'; use numeric, categorical or boolean");
    }
  }
}
