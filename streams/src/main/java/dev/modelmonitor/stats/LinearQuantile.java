package dev.modelmonitor.stats;

/**
 * Quantiles of a sorted sample by numpy's default method ("linear", Hyndman and Fan type 7),
 * reproduced operation by operation so that the results are the same doubles numpy returns.
 */
final class LinearQuantile {
  private LinearQuantile() {}

  /** Random access to a sorted sample. */
  @FunctionalInterface
  interface Sorted {
    double at(long index);
  }

  static double of(double[] sorted, int size, double q) {
    return of(i -> sorted[(int) i], size, q);
  }

  /**
   * The {@code q}-quantile of a sorted sample of {@code size} values: virtual index
   * {@code (size - 1) * q}, then numpy's {@code _lerp}, which interpolates from the upper
   * neighbour when the weight is at least one half.
   */
  static double of(Sorted sorted, long size, double q) {
    if (size == 0) {
      throw new IllegalArgumentException("quantile of an empty sample");
    }
    double virtualIndex = (size - 1) * q;
    if (virtualIndex >= size - 1) {
      return sorted.at(size - 1);
    }
    if (virtualIndex < 0) {
      return sorted.at(0);
    }
    long below = (long) Math.floor(virtualIndex);
    double t = virtualIndex - below;
    double a = sorted.at(below);
    double b = sorted.at(below + 1);
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
}
