package dev.modelmonitor.ui.chart;

import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * A word-sized trend line for tables and cards: equally spaced values, gaps where a value is NaN, a
 * dot on the last value and an optional dashed threshold. No axes; the accessible label states the
 * last value and the range.
 */
public final class Sparkline {
  private static final double PAD = 3;

  private final double[] values;
  private double width = 120;
  private double height = 28;
  private String label = "trend";
  private Double threshold;
  private String colour = Palette.CURRENT;
  private DoubleFunction<String> format = Numbers::format;

  private Sparkline(double[] values) {
    this.values = values.clone();
  }

  /** A sparkline of {@code values} in order; NaN marks a missing value. */
  public static Sparkline of(double... values) {
    Objects.requireNonNull(values, "values");
    for (double v : values) {
      if (Double.isInfinite(v)) {
        throw new IllegalArgumentException(
            "sparkline values must be finite or NaN but one was " + v);
      }
    }
    return new Sparkline(values);
  }

  public Sparkline size(double width, double height) {
    if (width < 20 || height < 10) {
      throw new IllegalArgumentException(
          "sparkline must be at least 20x10 but was " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    return this;
  }

  /** What the values are, for the accessible label (default "trend"). */
  public Sparkline label(String label) {
    this.label = Objects.requireNonNull(label, "label");
    return this;
  }

  public Sparkline threshold(double threshold) {
    this.threshold = threshold;
    return this;
  }

  public Sparkline colour(String colour) {
    this.colour = Objects.requireNonNull(colour, "colour");
    return this;
  }

  public Sparkline valueFormat(DoubleFunction<String> format) {
    this.format = Objects.requireNonNull(format, "format");
    return this;
  }

  /** The y coordinate of {@code value} in the drawn range. */
  double y(double value, double lo, double hi) {
    double span = hi - lo;
    double f = span == 0 ? 0.5 : (value - lo) / span;
    return height - PAD - f * (height - 2 * PAD);
  }

  public String toSvg() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int last = -1;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        lo = Math.min(lo, values[i]);
        hi = Math.max(hi, values[i]);
        last = i;
      }
    }
    SvgWriter svg = new SvgWriter().open("sparkline", width, height, describe(lo, hi, last));
    if (last < 0) {
      svg.line(PAD, height / 2, width - PAD, height / 2, Palette.GRID, "stroke-dasharray", "2 2");
      return svg.close();
    }
    if (threshold != null) {
      lo = Math.min(lo, threshold);
      hi = Math.max(hi, threshold);
    }
    double step = values.length > 1 ? (width - 2 * PAD) / (values.length - 1) : 0;
    if (threshold != null) {
      double ty = y(threshold, lo, hi);
      svg.line(
          PAD,
          ty,
          width - PAD,
          ty,
          Palette.THRESHOLD,
          "class",
          "threshold",
          "stroke-dasharray",
          "3 2");
    }
    StringBuilder d = new StringBuilder();
    boolean penDown = false;
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        penDown = false;
        continue;
      }
      double x = values.length > 1 ? PAD + i * step : width / 2;
      d.append(penDown ? " L" : (d.length() == 0 ? "M" : " M"))
          .append(SvgWriter.num(x))
          .append(' ')
          .append(SvgWriter.num(y(values[i], lo, hi)));
      penDown = true;
    }
    svg.empty(
        "path",
        "class",
        "line",
        "d",
        d.toString(),
        "fill",
        "none",
        "stroke",
        colour,
        "stroke-width",
        1.5,
        "stroke-linejoin",
        "round",
        "stroke-linecap",
        "round");
    double lx = values.length > 1 ? PAD + last * step : width / 2;
    svg.empty(
        "circle",
        "class",
        "last",
        "cx",
        lx,
        "cy",
        y(values[last], lo, hi),
        "r",
        2.5,
        "fill",
        colour);
    return svg.close();
  }

  private String describe(double lo, double hi, int last) {
    if (last < 0) {
      return label + ": no data";
    }
    return label
        + ": last "
        + format.apply(values[last])
        + ", range "
        + format.apply(lo)
        + " to "
        + format.apply(hi)
        + " over "
        + values.length
        + " points";
  }
}
