package dev.modelmonitor.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * Pearson's chi-square test of independence on the 2 x K table (reference counts, current
 * counts), with the semantics of scipy's {@code chi2_contingency} defaults: columns that are zero
 * in both rows are dropped first (they carry no information, and scipy refuses zero expected
 * frequencies); when one degree of freedom remains (a 2 x 2 table) Yates' continuity correction
 * moves each observed count towards its expected count by min(0.5, |expected - observed|); with
 * no degree of freedom left (a single column) the statistic is 0 and the p-value 1.
 */
final class ChiSquareTest {
  private ChiSquareTest() {}

  record Result(double statistic, double pValue, int degreesOfFreedom) {}

  static Result of(long[] reference, long[] current) {
    int k = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] + current[i] > 0) {
        k++;
      }
    }
    double[][] observed = new double[2][k];
    int column = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] + current[i] > 0) {
        observed[0][column] = reference[i];
        observed[1][column] = current[i];
        column++;
      }
    }
    double[] rowTotals = {sum(observed[0]), sum(observed[1])};
    double total = rowTotals[0] + rowTotals[1];
    if (rowTotals[0] == 0 || rowTotals[1] == 0) {
      throw new IllegalArgumentException("chi-square needs counts in both rows");
    }
    int dof = k - 1;
    if (dof == 0) {
      return new Result(0.0, 1.0, 0);
    }
    double statistic = 0.0;
    for (int r = 0; r < 2; r++) {
      for (int j = 0; j < k; j++) {
        double expected = rowTotals[r] * (observed[0][j] + observed[1][j]) / total;
        double obs = observed[r][j];
        if (dof == 1) {
          double diff = expected - obs;
          obs += Math.signum(diff) * Math.min(0.5, Math.abs(diff));
        }
        double d = obs - expected;
        statistic += d * d / expected;
      }
    }
    // The upper regularized gamma function keeps precision for tiny p-values (1 - CDF would not).
    double pValue = Gamma.regularizedGammaQ(dof / 2.0, statistic / 2.0);
    return new Result(statistic, pValue, dof);
  }

  private static double sum(double[] row) {
    double total = 0.0;
    for (double v : row) {
      total += v;
    }
    return total;
  }
}
