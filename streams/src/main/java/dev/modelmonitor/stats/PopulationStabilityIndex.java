package dev.modelmonitor.stats;

/**
 * PSI = sum over bins of (p - q) ln(p / q), p the current and q the reference proportion, every
 * proportion below {@value #FLOOR} replaced by {@value #FLOOR} so that empty bins stay finite.
 */
final class PopulationStabilityIndex {
  static final double FLOOR = 1e-4;

  private PopulationStabilityIndex() {}

  static double of(long[] reference, long[] current) {
    double refTotal = sum(reference);
    double curTotal = sum(current);
    double psi = 0.0;
    for (int i = 0; i < reference.length; i++) {
      double q = Math.max(FLOOR, reference[i] / refTotal);
      double p = Math.max(FLOOR, current[i] / curTotal);
      psi += (p - q) * Math.log(p / q);
    }
    return psi;
  }

  static double sum(long[] counts) {
    double total = 0.0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }
}
