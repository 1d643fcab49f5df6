package dev.modelmonitor.stats;

/**
 * The Wasserstein-1 (earth mover's) distance between two one-dimensional distributions: the
 * integral of |F_ref - F_cur|. Between two exact samples it is computed as scipy's
 * {@code wasserstein_distance} does, the sum over consecutive support points of |F_ref - F_cur|
 * times the gap; when a side is a sketch, as the integral of |Q_ref - Q_cur| over the ranks with
 * the sketch's quantile function interpolated ({@link QuantileFunction}).
 */
final class Wasserstein {
  private Wasserstein() {}

  static double distance(StepDistribution reference, StepDistribution current) {
    return distance(reference, null, current);
  }

  /** The distance, with the reference's quantile function when already known (else null). */
  static double distance(StepDistribution reference, QuantileFunction referenceQuantiles,
      StepDistribution current) {
    if (!reference.exact || !current.exact) {
      return QuantileFunction.l1Distance(
          referenceQuantiles != null ? referenceQuantiles : QuantileFunction.of(reference),
          QuantileFunction.of(current));
    }
    // scipy's sum over the union of the support points of |F_ref - F_cur| times the gap to the
    // next point.
    SupportWalk walk = new SupportWalk(reference, current);
    if (!walk.next()) {
      return 0.0;
    }
    double previous = walk.x;
    double previousGap = Math.abs(walk.fa - walk.fb);
    double sum = 0.0;
    while (walk.next()) {
      sum += previousGap * (walk.x - previous);
      previous = walk.x;
      previousGap = Math.abs(walk.fa - walk.fb);
    }
    return sum;
  }

  /**
   * The distance in units of the reference's population standard deviation. A constant reference
   * (std 0) gives 0 when the window did not move and +infinity when it did: any movement away
   * from a constant is unbounded in its units, and the decision must fire.
   */
  static double normed(double distance, double referenceStd) {
    if (referenceStd > 0) {
      return distance / referenceStd;
    }
    return distance == 0 ? 0.0 : Double.POSITIVE_INFINITY;
  }
}
