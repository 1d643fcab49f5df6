package dev.modelmonitor.stats;

import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * A distribution function that is a step function: the distinct support points in ascending
 * order and F at each of them. It is exact for a sample kept in full (F = count of values at most
 * x divided by n, the same division scipy makes) and approximate for a KLL sketch (its retained
 * items with their weights; F then is within the sketch's rank error of the sample's).
 */
final class StepDistribution {
  final double[] points;
  final double[] cdf;
  /** Whether this is the sample's own distribution rather than a sketch's approximation. */
  final boolean exact;
  final double min;
  final double max;

  private StepDistribution(double[] points, double[] cdf, boolean exact, double min,
      double max) {
    this.points = points;
    this.cdf = cdf;
    this.exact = exact;
    this.min = min;
    this.max = max;
  }

  /** From a sample kept as distinct values with counts. */
  static StepDistribution of(ValueCounts sample) {
    int n = sample.distinct();
    double[] points = new double[n];
    double[] cdf = new double[n];
    long cumulative = 0;
    for (int i = 0; i < n; i++) {
      points[i] = sample.value(i);
      cumulative += sample.count(i);
      cdf[i] = (double) cumulative / sample.total();
    }
    return new StepDistribution(points, cdf, true, points[0], points[n - 1]);
  }

  /** From a sketch's retained items and cumulative weights. */
  static StepDistribution ofSketch(KllDoublesSketch sketch) {
    DoublesSortedView view = sketch.getSortedView();
    double[] items = view.getQuantiles();
    long[] weights = view.getCumulativeWeights();
    double total = view.getN();
    double[] points = new double[items.length];
    double[] cdf = new double[items.length];
    int n = 0;
    for (int i = 0; i < items.length; i++) {
      if (n > 0 && points[n - 1] == items[i]) {
        cdf[n - 1] = weights[i] / total;
      } else {
        points[n] = items[i];
        cdf[n] = weights[i] / total;
        n++;
      }
    }
    return new StepDistribution(Arrays.copyOf(points, n), Arrays.copyOf(cdf, n),
        !sketch.isEstimationMode(), sketch.getMinItem(), sketch.getMaxItem());
  }
}
