package dev.modelmonitor.ui.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/** Short, readable number labels for axes, tooltips and tables. */
public final class Numbers {
  private static final int MAX_DIGITS = 12;

  private Numbers() {}

  /**
   * Three significant digits, with k/M/G suffixes from ten thousand up: {@code 51234.5 → 51.2k}.
   */
  public static String format(double value) {
    return format(value, 3);
  }

  /**
   * {@code value} with {@code digits} significant digits and k/M/G suffixes from ten thousand up.
   */
  public static String format(double value, int digits) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "∞" : "-∞";
    }
    double abs = Math.abs(value);
    String suffix = "";
    double scaled = value;
    if (abs >= 1e9) {
      scaled = value / 1e9;
      suffix = "G";
    } else if (abs >= 1e6) {
      scaled = value / 1e6;
      suffix = "M";
    } else if (abs >= 1e4) {
      scaled = value / 1e3;
      suffix = "k";
    }
    return plain(scaled, digits) + suffix;
  }

  /**
   * Labels for values that must stay distinguishable (bin edges): the fewest significant digits,
   * from three up, at which neighbouring distinct values get distinct labels.
   */
  public static List<String> formatDistinct(List<Double> values) {
    for (int digits = 3; digits <= MAX_DIGITS; digits++) {
      List<String> labels = new ArrayList<>(values.size());
      for (double v : values) {
        labels.add(format(v, digits));
      }
      if (distinctWhereValuesDiffer(values, labels)) {
        return labels;
      }
    }
    List<String> labels = new ArrayList<>(values.size());
    for (double v : values) {
      labels.add(plain(v, 17));
    }
    return labels;
  }

  /** A share as a percentage: {@code 0.583 → 58.3%}, small shares keep a significant digit. */
  public static String percent(double share) {
    if (Double.isNaN(share)) {
      return "NaN";
    }
    double pct = share * 100;
    double abs = Math.abs(pct);
    if (abs == 0) {
      return "0%";
    }
    if (abs >= 10) {
      return trim(String.format(Locale.ROOT, "%.1f", pct)) + "%";
    }
    if (abs >= 0.1) {
      return trim(String.format(Locale.ROOT, "%.2f", pct)) + "%";
    }
    return plain(pct, 2) + "%";
  }

  /** A whole count with thousands separators: {@code 17379 → 17,379}. */
  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** A p-value: four decimals, or scientific notation below 0.0001; an underflow to 0 reads "0". */
  public static String pValue(double p) {
    if (Double.isNaN(p)) {
      return "NaN";
    }
    if (p == 0) {
      return "0";
    }
    if (p != 0 && Math.abs(p) < 1e-4) {
      return String.format(Locale.ROOT, "%.1e", p);
    }
    return String.format(Locale.ROOT, "%.4f", p);
  }

  /**
   * {@code value} rounded to {@code digits} significant digits, plain notation, no trailing zeros.
   */
  static String plain(double value, int digits) {
    if (value == 0) {
      return "0";
    }
    BigDecimal rounded =
        new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    String text = rounded.stripTrailingZeros().toPlainString();
    return text.equals("-0") ? "0" : text;
  }

  private static String trim(String decimal) {
    if (decimal.indexOf('.') < 0) {
      return decimal;
    }
    String t = decimal.replaceAll("0+$", "");
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }

  private static boolean distinctWhereValuesDiffer(List<Double> values, List<String> labels) {
    HashSet<Double> distinctValues = new HashSet<>(values);
    return new HashSet<>(labels).size() == distinctValues.size();
  }
}
