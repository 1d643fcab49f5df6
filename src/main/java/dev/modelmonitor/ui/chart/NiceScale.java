package dev.modelmonitor.ui.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * An axis range widened to round numbers with a round tick step (1, 2, 2.5 or 5 times a power of
 * ten), so that ticks read 0, 0.1, 0.2 … rather than 0, 0.137, 0.274 ….
 *
 * @param min the lowest tick
 * @param max the highest tick
 * @param step the distance between ticks
 */
public record NiceScale(double min, double max, double step) {

  /** A scale covering {@code [lo, hi]} with at most about {@code maxTicks} ticks. */
  public static NiceScale of(double lo, double hi, int maxTicks) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      throw new IllegalArgumentException(
          "axis range must be finite but was [" + lo + ", " + hi + "]");
    }
    if (maxTicks < 2) {
      throw new IllegalArgumentException("maxTicks must be at least 2 but was " + maxTicks);
    }
    if (hi < lo) {
      double t = lo;
      lo = hi;
      hi = t;
    }
    if (hi == lo) {
      // A flat series still needs a visible range around its value.
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      lo = lo == 0 ? 0 : lo - pad;
      hi = hi + pad;
    }
    double step = niceStep((hi - lo) / (maxTicks - 1));
    double min = Math.floor(lo / step + 1e-9) * step;
    double max = Math.ceil(hi / step - 1e-9) * step;
    return new NiceScale(clean(min, step), clean(max, step), step);
  }

  /** The tick values from {@link #min} to {@link #max}. */
  public List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    long n = Math.round((max - min) / step);
    for (long i = 0; i <= n; i++) {
      ticks.add(clean(min + i * step, step));
    }
    return ticks;
  }

  /** Where {@code value} falls between {@link #min} (0) and {@link #max} (1). */
  public double fraction(double value) {
    return max == min ? 0 : (value - min) / (max - min);
  }

  private static double niceStep(double rough) {
    double exponent = Math.floor(Math.log10(rough));
    double base = Math.pow(10, exponent);
    double f = rough / base;
    double nice;
    if (f <= 1) {
      nice = 1;
    } else if (f <= 2) {
      nice = 2;
    } else if (f <= 2.5) {
      nice = 2.5;
    } else if (f <= 5) {
      nice = 5;
    } else {
      nice = 10;
    }
    return nice * base;
  }

  /** Rounds away the floating-point noise of {@code k * step} (0.30000000000000004 → 0.3). */
  private static double clean(double value, double step) {
    double decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
    double scale = Math.pow(10, decimals);
    double r = Math.round(value * scale) / scale;
    return r == 0 ? 0 : r;
  }
}
