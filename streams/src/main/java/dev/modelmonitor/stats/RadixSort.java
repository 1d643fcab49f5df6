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

  private final int[] counts = new int[256];
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
    for (int i = 0; i < n; i++) {
      long bits = Double.doubleToRawLongBits(values[i]);
      from[i] = bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }
    for (int shift = 0; shift < 64; shift += 8) {
      Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[(int) (from[i] >>> shift) & 0xFF]++;
      }
      if (counts[(int) (from[0] >>> shift) & 0xFF] == n) {
        continue;
      }
      int sum = 0;
      for (int d = 0; d < 256; d++) {
        int c = counts[d];
        counts[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        long key = from[i];
        to[counts[(int) (key >>> shift) & 0xFF]++] = key;
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
