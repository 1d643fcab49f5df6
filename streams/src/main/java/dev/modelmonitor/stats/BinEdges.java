package dev.modelmonitor.stats;

import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The numeric bin edges of DESIGN section 5: the 0.1, 0.2, ..., 0.9 quantiles of the reference,
 * duplicates removed, and the bin of a value on them.
 */
final class BinEdges {
  /** The ranks of the edges: {@code i / 10.0} for i = 1..9 (the same doubles as Python's). */
  static final double[] DECILES = deciles();
  private static final int LINEAR_SEARCH_EDGES = 32;

  private BinEdges() {}

  private static double[] deciles() {
    double[] ranks = new double[9];
    for (int i = 1; i <= 9; i++) {
      ranks[i - 1] = i / 10.0;
    }
    return ranks;
  }

  /** Exact edges from all values, sorted ascending, as numpy's {@code unique(quantile(...))}. */
  static double[] fromSorted(double[] sorted, int size) {
    return fromSorted(i -> sorted[(int) i], size);
  }

  /** Exact edges from a sorted sample given by random access. */
  static double[] fromSorted(LinearQuantile.Sorted sorted, long size) {
    if (size == 0) {
      return new double[0];
    }
    double[] edges = new double[DECILES.length];
    for (int i = 0; i < DECILES.length; i++) {
      edges[i] = LinearQuantile.of(sorted, size, DECILES[i]);
    }
    return distinctSorted(edges);
  }

  /**
   * Approximate edges from a KLL sketch: for each rank q the smallest retained value whose
   * inclusive normalized rank is at least q. Each edge's rank is within the sketch's normalized
   * rank error of q; no interpolation.
   */
  static double[] fromSketch(KllDoublesSketch sketch) {
    if (sketch.isEmpty()) {
      return new double[0];
    }
    return distinctSorted(sketch.getQuantiles(DECILES, QuantileSearchCriteria.INCLUSIVE));
  }

  /** Sorted with exact duplicates removed; the lerp may in principle yield one-ulp inversions. */
  static double[] distinctSorted(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (n == 0 || sorted[i] != sorted[n - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, n);
  }

  /** Checks that edges are finite and strictly increasing; returns a defensive copy. */
  static double[] validated(double[] edges) {
    double[] copy = edges.clone();
    for (int i = 0; i < copy.length; i++) {
      if (!Double.isFinite(copy[i])) {
        throw new IllegalArgumentException("bin edges must be finite but edge " + i + " was "
            + copy[i]);
      }
      if (i > 0 && copy[i] <= copy[i - 1]) {
        throw new IllegalArgumentException("bin edges must be strictly increasing but were "
            + Arrays.toString(copy));
      }
    }
    return copy;
  }

  /**
   * The bin of {@code value}: bins are (-inf, e1], (e1, e2], ..., (ek, +inf), so the index is the
   * number of edges strictly below the value.
   */
  static int binOf(double[] edges, double value) {
    if (edges.length <= LINEAR_SEARCH_EDGES) {
      // Counting without branches beats a binary search's mispredicted branches on random values
      // (3x on DESIGN's 9 edges); it runs for every numeric feature of every event.
      int below = 0;
      for (double edge : edges) {
        below += edge < value ? 1 : 0;
      }
      return below;
    }
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
