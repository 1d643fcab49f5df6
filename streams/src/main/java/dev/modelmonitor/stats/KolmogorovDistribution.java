package dev.modelmonitor.stats;

/**
 * The survival function of the (asymptotic) Kolmogorov distribution, P(K > t), which scipy calls
 * {@code kstwobign.sf}.
 *
 * <p>Written here rather than taken from commons-math's {@code KolmogorovSmirnovTest.ksSum}
 * because that gives the CDF, and 1 - CDF loses every significant digit of small p-values. Two
 * series, each used where it converges in a few terms (the split of Cephes' {@code kolmogorov}):
 * below t = 0.82 the theta-function form of the CDF, 1 - sqrt(2 pi)/t sum exp(-(2k-1)^2 pi^2 /
 * (8 t^2)); above it the alternating series 2 sum (-1)^(k-1) exp(-2 k^2 t^2), which keeps full
 * relative precision in the tail.
 */
final class KolmogorovDistribution {
  private static final double CUTOVER = 0.82;
  private static final int MAX_TERMS = 100;

  private KolmogorovDistribution() {}

  static double survival(double t) {
    if (Double.isNaN(t)) {
      return Double.NaN;
    }
    if (t <= 0) {
      return 1.0;
    }
    if (t < CUTOVER) {
      double factor = -Math.PI * Math.PI / (8 * t * t);
      double sum = 0.0;
      for (int k = 1; k <= MAX_TERMS; k++) {
        double odd = 2 * k - 1;
        double term = Math.exp(factor * odd * odd);
        sum += term;
        if (term <= sum * 1e-17) {
          break;
        }
      }
      return Math.min(1.0, Math.max(0.0, 1.0 - Math.sqrt(2 * Math.PI) / t * sum));
    }
    double sum = 0.0;
    for (int k = 1; k <= MAX_TERMS; k++) {
      double term = Math.exp(-2.0 * k * k * t * t);
      sum += (k % 2 == 1) ? term : -term;
      if (term <= Math.abs(sum) * 1e-17) {
        break;
      }
    }
    return Math.min(1.0, Math.max(0.0, 2 * sum));
  }
}
