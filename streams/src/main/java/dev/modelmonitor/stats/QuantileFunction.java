package dev.modelmonitor.stats;

/**
 * A quantile function Q(u) on [0, 1] as contiguous linear segments, for the Wasserstein-1
 * distance in its quantile form, W = integral over u of |Q_ref(u) - Q_cur(u)|, when a side is
 * only known from a sketch.
 *
 * <p>An exact sample's Q is its step function: value x_i on the ranks (F(x_(i-1)), F(x_i)]. A
 * sketch's retained items each stand for a block of neighbouring values, so its Q interpolates
 * linearly between the items placed at the middle of their rank blocks, anchored at the exact
 * minimum (u = 0) and maximum (u = 1): the sketch's own staircase would otherwise add about
 * range / (2 x items retained) of error on each side. Samples fall back to sketches only when
 * they have more distinct values than the profile's limit, so their values rarely tie.
 */
final class QuantileFunction {
  private final double[] start;
  private final double[] end;
  private final double[] startValue;
  private final double[] endValue;

  private QuantileFunction(double[] start, double[] end, double[] startValue,
      double[] endValue) {
    this.start = start;
    this.end = end;
    this.startValue = startValue;
    this.endValue = endValue;
  }

  static QuantileFunction of(StepDistribution d) {
    return d.exact ? steps(d) : interpolated(d);
  }

  private static QuantileFunction steps(StepDistribution d) {
    int n = d.points.length;
    double[] start = new double[n];
    double[] end = new double[n];
    double previous = 0.0;
    for (int i = 0; i < n; i++) {
      start[i] = previous;
      end[i] = i == n - 1 ? 1.0 : d.cdf[i];
      previous = end[i];
    }
    return new QuantileFunction(start, end, d.points, d.points);
  }

  private static QuantileFunction interpolated(StepDistribution d) {
    int n = d.points.length;
    double[] knotRank = new double[n + 2];
    double[] knotValue = new double[n + 2];
    knotRank[0] = 0.0;
    knotValue[0] = d.min;
    double previous = 0.0;
    for (int i = 0; i < n; i++) {
      knotRank[i + 1] = (previous + d.cdf[i]) / 2;
      knotValue[i + 1] = d.points[i];
      previous = d.cdf[i];
    }
    knotRank[n + 1] = 1.0;
    knotValue[n + 1] = d.max;
    double[] start = new double[n + 1];
    double[] end = new double[n + 1];
    double[] startValue = new double[n + 1];
    double[] endValue = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      start[i] = knotRank[i];
      end[i] = knotRank[i + 1];
      startValue[i] = knotValue[i];
      endValue[i] = knotValue[i + 1];
    }
    return new QuantileFunction(start, end, startValue, endValue);
  }

  private double valueAt(int segment, double u) {
    double width = end[segment] - start[segment];
    if (width <= 0) {
      return endValue[segment];
    }
    double t = (u - start[segment]) / width;
    return startValue[segment] + (endValue[segment] - startValue[segment]) * t;
  }

  /** The integral over [0, 1] of |a(u) - b(u)|, exact for these piecewise linear functions. */
  static double l1Distance(QuantileFunction a, QuantileFunction b) {
    int i = 0;
    int j = 0;
    double lo = 0.0;
    double sum = 0.0;
    while (i < a.start.length && j < b.start.length) {
      double hi = Math.min(a.end[i], b.end[j]);
      if (hi > lo) {
        double d0 = a.valueAt(i, lo) - b.valueAt(j, lo);
        double d1 = a.valueAt(i, hi) - b.valueAt(j, hi);
        double width = hi - lo;
        if ((d0 >= 0) == (d1 >= 0) || d0 == 0 || d1 == 0) {
          sum += Math.abs(d0 + d1) / 2 * width;
        } else {
          // The difference crosses zero inside: two triangles.
          sum += (d0 * d0 + d1 * d1) / (2 * (Math.abs(d0) + Math.abs(d1))) * width;
        }
        lo = hi;
      }
      if (a.end[i] <= hi) {
        i++;
      }
      if (b.end[j] <= hi) {
        j++;
      }
    }
    return sum;
  }
}
