package dev.modelmonitor.csv;

import java.util.Locale;

/** Turns CSV cell text into the values events carry, by column type. */
public final class CellValues {
  private CellValues() {}

  /**
   * The event value of a cell: null when empty (missing); a {@code Long} for integral numbers
   * and a {@code Double} otherwise in numeric columns; a {@code Boolean} in boolean columns; the
   * text itself in categorical columns. A numeric column's stray text (tolerated by {@link
   * ColumnTypes}) is kept as text, so the pipeline counts it as a type mismatch.
   */
  public static Object parse(String text, ColumnType type) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    switch (type) {
      case NUMERIC:
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException notIntegral) {
          try {
            return Double.parseDouble(text);
          } catch (NumberFormatException notNumber) {
            return text;
          }
        }
      case BOOLEAN:
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.equals("true") ? Boolean.TRUE : lower.equals("false") ? Boolean.FALSE : text;
      default:
        return text;
    }
  }
}
