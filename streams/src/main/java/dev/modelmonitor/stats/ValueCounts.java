package dev.modelmonitor.stats;

import java.util.Arrays;

/**
 * A sample kept exactly as its distinct values with their multiplicities, up to a limit on the
 * number of distinct values. Values are stored in order of arrival and found by an open-addressing
 * hash index, so counting a value, new or not, is a hash probe and an increment: the profile of a
 * continuous feature sees a new value with nearly every event, and keeping the values sorted as
 * they came (a binary search, then inserting or merging into the sorted arrays) was the largest
 * cost of profiling a window. Readers see the values sorted: the sorted order is computed when a
 * reader asks after new values arrived (a sort of the distinct values), and kept until the next
 * new value.
 */
final class ValueCounts {
  private static final int INITIAL_CAPACITY = 16;
  private static final int[] NO_ORDER = new int[0];

  private final int limit;
  /** Distinct values and their counts, in order of arrival. */
  private double[] values;
  private long[] counts;
  private int size;
  private long total;
  /** Open addressing: 1 + the index of a value in {@link #values}, 0 for an empty slot. */
  private int[] slots;
  /** Indexes into {@link #values} in increasing value order; null after a new value. */
  private int[] order;

  ValueCounts(int limit) {
    this.limit = limit;
    int capacity = Math.max(1, Math.min(INITIAL_CAPACITY, limit));
    values = new double[capacity];
    counts = new long[capacity];
    slots = new int[slotsFor(capacity)];
    order = NO_ORDER;
  }

  /** A power of two at least twice {@code capacity}: probes stay short at any fill. */
  private static int slotsFor(int capacity) {
    return Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
  }

  private static int hash(double value) {
    long bits = Double.doubleToRawLongBits(value);
    bits *= 0x9E3779B97F4A7C15L;
    return (int) (bits ^ (bits >>> 32));
  }

  /**
   * Counts {@code value} (finite, never -0.0) {@code times} times; false, changing nothing, when
   * it is a new value and the limit of distinct values is reached.
   */
  boolean add(double value, long times) {
    int mask = slots.length - 1;
    int slot = hash(value) & mask;
    while (true) {
      int at = slots[slot];
      if (at == 0) {
        break;
      }
      if (values[at - 1] == value) {
        counts[at - 1] += times;
        total += times;
        return true;
      }
      slot = (slot + 1) & mask;
    }
    if (size == limit) {
      return false;
    }
    if (size == values.length) {
      grow();
      insert(value, size);
    } else {
      slots[slot] = size + 1;
    }
    values[size] = value;
    counts[size] = times;
    size++;
    total += times;
    order = null;
    return true;
  }

  private void grow() {
    int capacity = Math.min(limit, Math.max(size + 1, values.length * 2));
    values = Arrays.copyOf(values, capacity);
    counts = Arrays.copyOf(counts, capacity);
    slots = new int[slotsFor(capacity)];
    for (int i = 0; i < size; i++) {
      insert(values[i], i);
    }
  }

  private void insert(double value, int index) {
    int mask = slots.length - 1;
    int slot = hash(value) & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = index + 1;
  }

  private int indexOf(double value) {
    int mask = slots.length - 1;
    int slot = hash(value) & mask;
    while (true) {
      int at = slots[slot];
      if (at == 0 || values[at - 1] == value) {
        return at - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The sorted order, computed once after new values arrived. */
  private int[] order() {
    int[] o = order;
    if (o == null) {
      double[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      o = new int[size];
      for (int i = 0; i < size; i++) {
        o[i] = indexOf(sorted[i]);
      }
      order = o;
    }
    return o;
  }

  /** Both samples together, or null when they have more distinct values than the limit. */
  ValueCounts union(ValueCounts other, int unionLimit) {
    int[] mine = order();
    int[] theirs = other.order();
    double[] v = new double[size + other.size];
    long[] c = new long[size + other.size];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < size || j < other.size) {
      double a = i < size ? values[mine[i]] : 0;
      double b = j < other.size ? other.values[theirs[j]] : 0;
      if (j >= other.size || (i < size && a < b)) {
        v[n] = a;
        c[n++] = counts[mine[i++]];
      } else if (i >= size || b < a) {
        v[n] = b;
        c[n++] = other.counts[theirs[j++]];
      } else {
        v[n] = a;
        c[n++] = counts[mine[i++]] + other.counts[theirs[j++]];
      }
      if (n > unionLimit) {
        return null;
      }
    }
    return sorted(v, c, n, total + other.total, unionLimit);
  }

  /** From the first {@code n} of sorted distinct values and their counts, taken as they are. */
  private static ValueCounts sorted(double[] distinct, long[] multiplicities, int n, long total,
      int limit) {
    ValueCounts result = new ValueCounts(limit);
    int capacity = Math.max(1, n);
    result.values = distinct.length == capacity ? distinct : Arrays.copyOf(distinct, capacity);
    result.counts = multiplicities.length == capacity ? multiplicities
        : Arrays.copyOf(multiplicities, capacity);
    result.size = n;
    result.total = total;
    result.slots = new int[slotsFor(capacity)];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      result.insert(result.values[i], i);
      order[i] = i;
    }
    result.order = order;
    return result;
  }

  /** From sorted distinct values and positive counts; validates both. */
  static ValueCounts of(double[] distinct, long[] multiplicities, int limit) {
    if (distinct.length != multiplicities.length) {
      throw new IllegalArgumentException(distinct.length + " values but "
          + multiplicities.length + " counts");
    }
    long total = 0;
    for (int i = 0; i < distinct.length; i++) {
      if (!Double.isFinite(distinct[i]) || (i > 0 && distinct[i] <= distinct[i - 1])) {
        throw new IllegalArgumentException("kept values must be finite, sorted and distinct");
      }
      if (multiplicities[i] <= 0) {
        throw new IllegalArgumentException("kept value counts must be positive but were "
            + multiplicities[i]);
      }
      total += multiplicities[i];
    }
    return sorted(distinct.clone(), multiplicities.clone(), distinct.length, total,
        Math.max(limit, distinct.length));
  }

  int distinct() {
    return size;
  }

  long total() {
    return total;
  }

  /** The {@code i}-th smallest distinct value. */
  double value(int i) {
    return values[order()[i]];
  }

  /** The count of the {@code i}-th smallest distinct value. */
  long count(int i) {
    return counts[order()[i]];
  }

  double[] distinctValues() {
    int[] o = order();
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = values[o[i]];
    }
    return out;
  }

  long[] multiplicities() {
    int[] o = order();
    long[] out = new long[size];
    for (int i = 0; i < size; i++) {
      out[i] = counts[o[i]];
    }
    return out;
  }

  /** All values expanded, sorted. */
  double[] expanded() {
    int[] o = order();
    double[] out = new double[Math.toIntExact(total)];
    int n = 0;
    for (int i = 0; i < size; i++) {
      int c = (int) counts[o[i]];
      Arrays.fill(out, n, n + c, values[o[i]]);
      n += c;
    }
    return out;
  }

  /** The value at 0-based position {@code index} of the expanded sorted sample. */
  double valueAt(long index) {
    int[] o = order();
    long seen = 0;
    for (int i = 0; i < size; i++) {
      seen += counts[o[i]];
      if (index < seen) {
        return values[o[i]];
      }
    }
    throw new IndexOutOfBoundsException(index + " of " + total);
  }

  /** The q-quantile by numpy's linear interpolation, on the expanded sample. */
  double quantile(double q) {
    return LinearQuantile.of(this::valueAt, total, q);
  }

  ValueCounts copy() {
    return sorted(distinctValues(), multiplicities(), size, total, limit);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueCounts other && total == other.total && size == other.size
        && Arrays.equals(distinctValues(), other.distinctValues())
        && Arrays.equals(multiplicities(), other.multiplicities());
  }

  @Override
  public int hashCode() {
    return Long.hashCode(total) * 31 + size;
  }
}
