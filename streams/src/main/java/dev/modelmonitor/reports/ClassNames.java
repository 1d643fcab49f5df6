package dev.modelmonitor.reports;

/**
 * The class label of a prediction or a label value, named as categorical profiles name categories:
 * strings as they are, booleans "true"/"false", integers in decimal, doubles with an integral value
 * as that integer (so 1, 1L and 1.0 are the class "1"), other doubles in Java's notation.
 */
final class ClassNames {
  private ClassNames() {}

  /** The class of {@code value}; null for null (and NaN). */
  static String of(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      return Long.toString(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d)) {
        return null;
      }
      if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
        return Long.toString((long) d);
      }
      return Double.toString(d);
    }
    return value.toString();
  }

  /** The number of {@code value} for regression metrics; NaN when it is not a number. */
  static double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    return Double.NaN;
  }
}
