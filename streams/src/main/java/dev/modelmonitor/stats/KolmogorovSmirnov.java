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
    SupportWalk walk = new SupportWalk(reference, current);
    double d = 0.0;
    while (walk.next()) {
      d = Math.max(d, Math.abs(walk.fa - walk.fb));
    }
    return d;
  }

  /** The asymptotic p-value for statistic {@code d} between samples of sizes n and m. */
  static double pValue(double d, long n, long m) {
    double effective = (double) n * m / ((double) n + m);
    return KolmogorovDistribution.survival(d * Math.sqrt(effective));
  }
}
