package dev.modelmonitor.stats;

import java.util.Arrays;

/**
 * A least-significant-byte-first radix sort of finite doubles by their bits (made to order as
 * unsigned longs): no comparisons, so none of the mispredicted branches that make comparison
 * sorting continuous values slow; bytes all values share are skipped. Used where a batch of
 * values is sorted on the hot path ({@link ValueCounts}, {@link SketchBatch}). Its buffers are
 * kept per thread and reused, so sorting does not allocate once they have grown.
 */
final class RadixSort {
  private static final ThreadLocal<RadixSort> BUFFERS = ThreadLocal.withInitial(RadixSort::new);

  /** The eight bytes' histograms, all counted in one pass over the keys. */
  private final int[] counts = new int[8 * 256];
  private long[] keys = new long[0];
  private long[] scratch = new long[0];

  private RadixSort() {}

  /** Sorts {@code values[0..n)}, which must be finite. */
  static void sort(double[] values, int n) {
    BUFFERS.get().sortWithBuffers(values, n);
  }

  private void sortWithBuffers(double[] values, int n) {
    if (n < 2) {
      return;
    }
    if (keys.length < n) {
      keys = new long[n];
      scratch = new long[n];
    }
    long[] from = keys;
    long[] to = scratch;
    // Every pass moves the same keys, so each byte's histogram is the same before any pass:
    // counted once for all eight, not once per pass.
    Arrays.fill(counts, 0);
    for (int i = 0; i < n; i++) {
      long bits = Double.doubleToRawLongBits(values[i]);
      long key = bits ^ ((bits >> 63) | Long.MIN_VALUE);
      from[i] = key;
      for (int b = 0; b < 8; b++) {
        counts[(b << 8) | ((int) (key >>> (b << 3)) & 0xFF)]++;
      }
    }
    for (int b = 0; b < 8; b++) {
      int shift = b << 3;
      int base = b << 8;
      if (counts[base | ((int) (from[0] >>> shift) & 0xFF)] == n) {
        continue;
      }
      int sum = 0;
      for (int d = base; d < base + 256; d++) {
        int c = counts[d];
        counts[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        long key = from[i];
        to[counts[base | ((int) (key >>> shift) & 0xFF)]++] = key;
      }
      long[] t = from;
      from = to;
      to = t;
    }
    for (int i = 0; i < n; i++) {
      long key = from[i];
      values[i] = Double.longBitsToDouble(key ^ (((key >>> 63) - 1) | Long.MIN_VALUE));
    }
  }
}
