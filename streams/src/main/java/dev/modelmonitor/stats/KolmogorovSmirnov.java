package dev.modelmonitor.stats;

/**
 * The two-sample Kolmogorov-Smirnov test of DESIGN section 5: D = sup |F_ref - F_cur| over the
 * jump points of both empirical distribution functions (ties handled as scipy's
 * {@code ks_2samp}: F counts values at or below x), and the asymptotic p-value
 * {@code Q_KS(D * sqrt(n m / (n + m)))}.
 */
final class KolmogorovSmirnov {
  private KolmogorovSmirnov() {}

  static double statistic(StepDistribution reference, StepDistribution current) {
    // The supremum over the union of both support points, walked without materialising it.
    double[] a = reference.points;
    double[] b = current.points;
    int i = 0;
    int j = 0;
    double fa = 0.0;
    double fb = 0.0;
    double d = 0.0;
    while (i < a.length || j < b.length) {
      double x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
      if (i < a.length && a[i] == x) {
        fa = reference.cdf[i++];
      }
      if (j < b.length && b[j] == x) {
        fb = current.cdf[j++];
      }
      d = Math.max(d, Math.abs(fa - fb));
    }
    return d;
  }

  /** The asymptotic p-value for statistic {@code d} between samples of sizes n and m. */
  static double pValue(double d, long n, long m) {
    double effective = (double) n * m / ((double) n + m);
    return KolmogorovDistribution.survival(d * Math.sqrt(effective));
  }
}
