package dev.modelmonitor.stats;

import java.util.Arrays;

/**
 * A sample kept exactly as its distinct values, sorted, with their multiplicities, up to a limit
 * on the number of distinct values. Counting a value already present is a binary search and an
 * increment. A new value waits, unsorted, with up to {@value #PENDING} others and they are merged
 * into the sorted arrays together: inserting each one by itself moved half the arrays per new
 * value, the largest cost of profiling a window of continuous features (every value new) before
 * this. Every read merges first, so readers only ever see the sorted arrays.
 */
final class ValueCounts {
  private static final int INITIAL_CAPACITY = 16;
  private static final int PENDING = 32;

  private final int limit;
  private double[] values;
  private long[] counts;
  private int size;
  private long total;
  /** New values and their counts, not yet in the sorted arrays; allocated at the first. */
  private double[] pendingValues;
  private long[] pendingCounts;
  private int pending;

  ValueCounts(int limit) {
    this.limit = limit;
    int capacity = Math.max(1, Math.min(INITIAL_CAPACITY, limit));
    values = new double[capacity];
    counts = new long[capacity];
  }

  /**
   * Counts {@code value} (finite, never -0.0) {@code times} times; false, changing nothing, when
   * it is a new value and the limit of distinct values is reached.
   */
  boolean add(double value, long times) {
    int i = Arrays.binarySearch(values, 0, size, value);
    if (i >= 0) {
      counts[i] += times;
      total += times;
      return true;
    }
    for (int p = 0; p < pending; p++) {
      if (pendingValues[p] == value) {
        pendingCounts[p] += times;
        total += times;
        return true;
      }
    }
    if (size + pending == limit) {
      return false;
    }
    if (pendingValues == null) {
      pendingValues = new double[PENDING];
      pendingCounts = new long[PENDING];
    }
    pendingValues[pending] = value;
    pendingCounts[pending] = times;
    pending++;
    total += times;
    if (pending == PENDING) {
      settle();
    }
    return true;
  }

  /** Merges the pending values into the sorted arrays. */
  private void settle() {
    if (pending == 0) {
      return;
    }
    sortPending();
    int merged = size + pending;
    double[] v = values;
    long[] c = counts;
    if (merged > values.length) {
      int capacity = Math.min(limit, Math.max(merged, values.length * 2));
      v = new double[capacity];
      c = new long[capacity];
    }
    // From the back, so merging in place never overwrites a value not yet moved.
    int i = size - 1;
    int j = pending - 1;
    for (int n = merged - 1; n >= 0; n--) {
      if (j < 0 || (i >= 0 && values[i] > pendingValues[j])) {
        v[n] = values[i];
        c[n] = counts[i--];
      } else {
        v[n] = pendingValues[j];
        c[n] = pendingCounts[j--];
      }
    }
    values = v;
    counts = c;
    size = merged;
    pending = 0;
  }

  /** Insertion sort: at most {@value #PENDING} values. */
  private void sortPending() {
    for (int k = 1; k < pending; k++) {
      double value = pendingValues[k];
      long count = pendingCounts[k];
      int at = k - 1;
      while (at >= 0 && pendingValues[at] > value) {
        pendingValues[at + 1] = pendingValues[at];
        pendingCounts[at + 1] = pendingCounts[at];
        at--;
      }
      pendingValues[at + 1] = value;
      pendingCounts[at + 1] = count;
    }
  }

  /** Both samples together, or null when they have more distinct values than the limit. */
  ValueCounts union(ValueCounts other, int unionLimit) {
    settle();
    other.settle();
    double[] v = new double[size + other.size];
    long[] c = new long[size + other.size];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < size || j < other.size) {
      if (j >= other.size || (i < size && values[i] < other.values[j])) {
        v[n] = values[i];
        c[n++] = counts[i++];
      } else if (i >= size || other.values[j] < values[i]) {
        v[n] = other.values[j];
        c[n++] = other.counts[j++];
      } else {
        v[n] = values[i];
        c[n++] = counts[i++] + other.counts[j++];
      }
      if (n > unionLimit) {
        return null;
      }
    }
    ValueCounts union = new ValueCounts(unionLimit);
    union.values = v;
    union.counts = c;
    union.size = n;
    union.total = total + other.total;
    return union;
  }

  /** From sorted distinct values and positive counts; validates both. */
  static ValueCounts of(double[] distinct, long[] multiplicities, int limit) {
    if (distinct.length != multiplicities.length) {
      throw new IllegalArgumentException(distinct.length + " values but "
          + multiplicities.length + " counts");
    }
    ValueCounts result = new ValueCounts(Math.max(limit, distinct.length));
    result.values = distinct.clone();
    result.counts = multiplicities.clone();
    result.size = distinct.length;
    for (int i = 0; i < distinct.length; i++) {
      if (!Double.isFinite(distinct[i]) || (i > 0 && distinct[i] <= distinct[i - 1])) {
        throw new IllegalArgumentException("kept values must be finite, sorted and distinct");
      }
      if (multiplicities[i] <= 0) {
        throw new IllegalArgumentException("kept value counts must be positive but were "
            + multiplicities[i]);
      }
      result.total += multiplicities[i];
    }
    return result;
  }

  int distinct() {
    settle();
    return size;
  }

  long total() {
    return total;
  }

  double value(int i) {
    settle();
    return values[i];
  }

  long count(int i) {
    settle();
    return counts[i];
  }

  double[] distinctValues() {
    settle();
    return Arrays.copyOf(values, size);
  }

  long[] multiplicities() {
    settle();
    return Arrays.copyOf(counts, size);
  }

  /** All values expanded, sorted. */
  double[] expanded() {
    settle();
    double[] out = new double[Math.toIntExact(total)];
    int n = 0;
    for (int i = 0; i < size; i++) {
      Arrays.fill(out, n, n + (int) counts[i], values[i]);
      n += (int) counts[i];
    }
    return out;
  }

  /** The value at 0-based position {@code index} of the expanded sorted sample. */
  double valueAt(long index) {
    settle();
    long seen = 0;
    for (int i = 0; i < size; i++) {
      seen += counts[i];
      if (index < seen) {
        return values[i];
      }
    }
    throw new IndexOutOfBoundsException(index + " of " + total);
  }

  /** The q-quantile by numpy's linear interpolation, on the expanded sample. */
  double quantile(double q) {
    return LinearQuantile.of(this::valueAt, total, q);
  }

  ValueCounts copy() {
    settle();
    ValueCounts copy = new ValueCounts(limit);
    copy.values = Arrays.copyOf(values, Math.max(1, size));
    copy.counts = Arrays.copyOf(counts, Math.max(1, size));
    copy.size = size;
    copy.total = total;
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    settle();
    if (o instanceof ValueCounts other) {
      other.settle();
    }
    return o instanceof ValueCounts other && total == other.total && size == other.size
        && Arrays.equals(values, 0, size, other.values, 0, size)
        && Arrays.equals(counts, 0, size, other.counts, 0, size);
  }

  @Override
  public int hashCode() {
    settle();
    return Long.hashCode(total) * 31 + size;
  }
}
