package dev.modelmonitor.stats;

/**
 * The Jensen-Shannon distance in base 2 (in [0, 1]) between the bin proportions, with no floor:
 * sqrt((KL(p || m) + KL(q || m)) / 2) with m = (p + q) / 2, as scipy's
 * {@code spatial.distance.jensenshannon(p, q, base=2)}.
 */
final class JensenShannon {
  private static final double LN2 = Math.log(2);

  private JensenShannon() {}

  static double distance(long[] reference, long[] current) {
    double refTotal = PopulationStabilityIndex.sum(reference);
    double curTotal = PopulationStabilityIndex.sum(current);
    double left = 0.0;
    double right = 0.0;
    for (int i = 0; i < reference.length; i++) {
      double p = current[i] / curTotal;
      double q = reference[i] / refTotal;
      double m = (p + q) / 2;
      left += relativeEntropy(p, m);
      right += relativeEntropy(q, m);
    }
    double divergence = (left + right) / LN2 / 2;
    // Rounding can leave identical distributions a hair below zero.
    return Math.sqrt(Math.max(0.0, divergence));
  }

  private static double relativeEntropy(double x, double y) {
    return x > 0 ? x * Math.log(x / y) : 0.0;
  }
}
