package dev.modelmonitor.stats;

/**
 * Walks the union of two step distributions' support points in ascending order without
 * materialising it: after each {@link #next()}, {@link #x} is the point and {@link #fa} and
 * {@link #fb} are the two distribution functions there (values at or below x, as scipy counts).
 * What KS and Wasserstein both integrate over.
 */
final class SupportWalk {
  private final StepDistribution a;
  private final StepDistribution b;
  private int i;
  private int j;
  double x;
  double fa;
  double fb;

  SupportWalk(StepDistribution a, StepDistribution b) {
    this.a = a;
    this.b = b;
  }

  /** Moves to the next point of the union; false when there is none. */
  boolean next() {
    double[] pa = a.points;
    double[] pb = b.points;
    if (i >= pa.length && j >= pb.length) {
      return false;
    }
    x = j >= pb.length || (i < pa.length && pa[i] <= pb[j]) ? pa[i] : pb[j];
    if (i < pa.length && pa[i] == x) {
      fa = a.cdf[i++];
    }
    if (j < pb.length && pb[j] == x) {
      fb = b.cdf[j++];
    }
    return true;
  }
}
