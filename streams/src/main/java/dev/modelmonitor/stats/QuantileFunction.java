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
  /** Segment i spans the ranks rank[i] to rank[i + 1]. */
  private final double[] rank;
  /**
   * Linear: Q goes from value[i] at rank[i] to value[i + 1] at rank[i + 1]. Steps: Q is value[i]
   * on segment i.
   */
  private final double[] value;
  private final boolean linear;
  /**
   * Linear: Q's slope on each segment (0 on an empty one), so that the distance's walk does not
   * divide for every point it evaluates. Null for steps.
   */
  private final double[] slope;

  private QuantileFunction(double[] rank, double[] value, boolean linear) {
    this.rank = rank;
    this.value = value;
    this.linear = linear;
    this.slope = linear ? new double[rank.length - 1] : null;
    if (linear) {
      for (int i = 0; i < slope.length; i++) {
        double width = rank[i + 1] - rank[i];
        slope[i] = width > 0 ? (value[i + 1] - value[i]) / width : 0.0;
      }
    }
  }

  static QuantileFunction of(StepDistribution d) {
    return d.exact ? steps(d) : interpolated(d);
  }

  private static QuantileFunction steps(StepDistribution d) {
    int n = d.points.length;
    double[] rank = new double[n + 1];
    System.arraycopy(d.cdf, 0, rank, 1, Math.max(0, n - 1));
    rank[n] = 1.0;
    return new QuantileFunction(rank, d.points, false);
  }

  private static QuantileFunction interpolated(StepDistribution d) {
    int n = d.points.length;
    double[] rank = new double[n + 2];
    double[] value = new double[n + 2];
    value[0] = d.min;
    double previous = 0.0;
    for (int i = 0; i < n; i++) {
      rank[i + 1] = (previous + d.cdf[i]) / 2;
      value[i + 1] = d.points[i];
      previous = d.cdf[i];
    }
    rank[n + 1] = 1.0;
    value[n + 1] = d.max;
    return new QuantileFunction(rank, value, true);
  }

  private int segments() {
    return rank.length - 1;
  }

  private double end(int segment) {
    return rank[segment + 1];
  }

  private double valueAt(int segment, double u) {
    if (!linear) {
      return value[segment];
    }
    if (u >= rank[segment + 1]) {
      // The segment's end (exactly), or an empty segment.
      return value[segment + 1];
    }
    return value[segment] + slope[segment] * (u - rank[segment]);
  }

  /** The integral over [0, 1] of |a(u) - b(u)|, exact for these piecewise linear functions. */
  static double l1Distance(QuantileFunction a, QuantileFunction b) {
    int i = 0;
    int j = 0;
    int aSegments = a.segments();
    int bSegments = b.segments();
    double lo = 0.0;
    double sum = 0.0;
    while (i < aSegments && j < bSegments) {
      double aEnd = a.end(i);
      double bEnd = b.end(j);
      double hi = Math.min(aEnd, bEnd);
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
      if (aEnd <= hi) {
        i++;
      }
      if (bEnd <= hi) {
        j++;
      }
    }
    return sum;
  }
}
