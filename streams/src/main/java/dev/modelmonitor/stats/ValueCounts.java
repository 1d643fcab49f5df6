package dev.modelmonitor.stats;

import java.util.Arrays;

/**
 * A sample kept exactly as its distinct values, sorted, with their multiplicities, up to a limit
 * on the number of distinct values.
 *
 * <p>While the sorted values and the values not yet sorted together are at most the limit, a
 * value is only appended to an unsorted buffer: however many of them are new, the limit cannot be
 * passed. When the buffer fills up to the limit (or a reader comes), it is sorted and merged into
 * the sorted arrays, equal values counted together; after that merge the distinct values are
 * still within the limit, so the first new value past it is refused exactly when it comes, looked
 * up alone. Values are looked up one by one as they come (a binary search, and an insertion for a
 * new one) only while the room left is less than {@value #MIN_ROOM} or a quarter of the distinct
 * values, where merging a buffer would move more than inserting. Looking every value up as it
 * came (a binary search, then merging new ones 32 at a time) was the largest cost of profiling a
 * window of a continuous feature, where nearly every value is new: a few cache misses per value,
 * where appending writes memory in order. Inserting the last 64 values before the limit one by
 * one, as this once did, moved up to the limit's values for each: a continuous feature's window
 * now sorts its first {@code limit} values once.
 */
final class ValueCounts {
  private static final int INITIAL_CAPACITY = 16;
  /** Less room than this before the limit: each value is looked up as it comes. */
  private static final int MIN_ROOM = 64;
  /** From this many values on, the unsorted values are sorted by radix, not by comparisons. */
  private static final int RADIX_FROM = 128;

  private final int limit;
  private double[] values;
  private long[] counts;
  private int size;
  private long total;
  /** Values counted once each, in order of arrival, not yet in the sorted arrays. */
  private double[] unsorted;
  /** Counts of the unsorted values once sorted and counted together; reused. */
  private long[] runCounts;
  private int pending;
  /** How many values may wait unsorted now; 0 when each value is looked up as it comes. */
  private int room;

  ValueCounts(int limit) {
    this.limit = limit;
    int capacity = Math.max(1, Math.min(INITIAL_CAPACITY, limit));
    values = new double[capacity];
    counts = new long[capacity];
    resetRoom();
  }

  /**
   * Unsorted values never take the distinct values past {@code limit}, and are only kept while at
   * least a quarter as many fit as are sorted: merging them stays a few moves per value, never a
   * full merge for every few values.
   */
  private void resetRoom() {
    int free = limit - size;
    room = free >= Math.max(MIN_ROOM, size / 4) ? free : 0;
  }

  /**
   * Counts {@code value} (finite, never -0.0) {@code times} times; false, changing nothing, when
   * it is a new value and the limit of distinct values is reached.
   */
  boolean add(double value, long times) {
    if (times == 1 && pending < room) {
      if (unsorted == null || pending == unsorted.length) {
        // Growing 4x: a continuous feature's window fills the buffer up to the limit, with fewer
        // copies on the way.
        unsorted = Arrays.copyOf(unsorted == null ? new double[0] : unsorted,
            Math.min(room, Math.max(INITIAL_CAPACITY, 4 * pending)));
      }
      unsorted[pending++] = value;
      total++;
      if (pending == room) {
        settle();
      }
      return true;
    }
    settle();
    int i = Arrays.binarySearch(values, 0, size, value);
    if (i >= 0) {
      counts[i] += times;
      total += times;
      return true;
    }
    if (size == limit) {
      return false;
    }
    int at = -i - 1;
    if (size == values.length) {
      int capacity = Math.min(limit, Math.max(size + 1, values.length * 2));
      values = Arrays.copyOf(values, capacity);
      counts = Arrays.copyOf(counts, capacity);
    }
    System.arraycopy(values, at, values, at + 1, size - at);
    System.arraycopy(counts, at, counts, at + 1, size - at);
    values[at] = value;
    counts[at] = times;
    size++;
    total += times;
    resetRoom();
    return true;
  }

  /**
   * Sorts {@code a[lo..hi]} (finite values): a quicksort that, unlike {@code Arrays.sort} (which
   * allocates to merge runs, as in values arriving in cycles), never allocates.
   */
  private static void sort(double[] a, int lo, int hi) {
    while (hi - lo > 16) {
      int mid = (lo + hi) >>> 1;
      // Median of three as the pivot, so sorted and cyclic input stay n log n.
      if (a[mid] < a[lo]) {
        swap(a, mid, lo);
      }
      if (a[hi] < a[lo]) {
        swap(a, hi, lo);
      }
      if (a[hi] < a[mid]) {
        swap(a, hi, mid);
      }
      double pivot = a[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(a, i++, j--);
        }
      }
      // Recurse into the smaller part, loop on the larger: the stack stays log n deep.
      if (j - lo < hi - i) {
        sort(a, lo, j);
        lo = i;
      } else {
        sort(a, i, hi);
        hi = j;
      }
    }
    for (int k = lo + 1; k <= hi; k++) {
      double v = a[k];
      int at = k - 1;
      while (at >= lo && a[at] > v) {
        a[at + 1] = a[at];
        at--;
      }
      a[at + 1] = v;
    }
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  /** Sorts the unsorted values and merges them into the sorted arrays. */
  private void settle() {
    if (pending == 0) {
      return;
    }
    if (pending < RADIX_FROM) {
      sort(unsorted, 0, pending - 1);
    } else {
      RadixSort.sort(unsorted, pending);
    }
    // Equal values together, in place: unsorted[0..runs) distinct, runCounts their counts.
    if (runCounts == null || runCounts.length < unsorted.length) {
      runCounts = new long[unsorted.length];
    }
    int runs = 0;
    for (int k = 0; k < pending; k++) {
      if (runs > 0 && unsorted[runs - 1] == unsorted[k]) {
        runCounts[runs - 1]++;
      } else {
        unsorted[runs] = unsorted[k];
        runCounts[runs++] = 1;
      }
    }
    if (size == 0) {
      // Nothing to merge into: the runs become the sorted arrays and the old arrays the buffers,
      // so a window's first batch (all of a continuous feature's exact values) is not copied.
      double[] v = values;
      long[] c = counts;
      values = unsorted;
      counts = runCounts;
      unsorted = v;
      runCounts = c;
      size = runs;
      pending = 0;
      resetRoom();
      return;
    }
    int merged = 0;
    for (int i = 0, j = 0; i < size || j < runs; merged++) {
      if (j >= runs || (i < size && values[i] < unsorted[j])) {
        i++;
      } else if (i >= size || unsorted[j] < values[i]) {
        j++;
      } else {
        i++;
        j++;
      }
    }
    double[] v = values;
    long[] c = counts;
    if (merged > values.length) {
      int capacity = Math.min(limit, Math.max(merged, values.length * 2));
      v = new double[capacity];
      c = new long[capacity];
    }
    // From the back, so merging in place never overwrites a value not yet moved.
    int i = size - 1;
    int j = runs - 1;
    for (int n = merged - 1; n >= 0; n--) {
      if (j < 0 || (i >= 0 && values[i] > unsorted[j])) {
        v[n] = values[i];
        c[n] = counts[i--];
      } else if (i < 0 || unsorted[j] > values[i]) {
        v[n] = unsorted[j];
        c[n] = runCounts[j--];
      } else {
        v[n] = values[i];
        c[n] = counts[i--] + runCounts[j--];
      }
    }
    values = v;
    counts = c;
    size = merged;
    pending = 0;
    resetRoom();
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
    union.resetRoom();
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
    result.resetRoom();
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
    copy.resetRoom();
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
