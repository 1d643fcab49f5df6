package dev.modelmonitor.stats;

import java.util.Arrays;

/** A growable array of primitive doubles, so that keeping values never boxes them. */
final class DoubleBuffer {
  private static final int INITIAL_CAPACITY = 16;

  private double[] items;
  private int size;
  private boolean sorted = true;

  DoubleBuffer() {
    this(INITIAL_CAPACITY);
  }

  DoubleBuffer(int capacity) {
    items = new double[Math.max(1, capacity)];
  }

  static DoubleBuffer of(double[] values) {
    DoubleBuffer buffer = new DoubleBuffer(values.length);
    System.arraycopy(values, 0, buffer.items, 0, values.length);
    buffer.size = values.length;
    buffer.sorted = false;
    return buffer;
  }

  void add(double value) {
    if (size == items.length) {
      items = Arrays.copyOf(items, items.length * 2);
    }
    if (sorted && size > 0 && value < items[size - 1]) {
      sorted = false;
    }
    items[size++] = value;
  }

  void addAll(DoubleBuffer other) {
    if (size + other.size > items.length) {
      items = Arrays.copyOf(items, Math.max(items.length * 2, size + other.size));
    }
    System.arraycopy(other.items, 0, items, size, other.size);
    size += other.size;
    sorted = false;
  }

  int size() {
    return size;
  }

  double get(int index) {
    return items[index];
  }

  /** Sorts in place (the order of the values is not part of the state) and returns the array. */
  double[] sortedItems() {
    if (!sorted) {
      Arrays.sort(items, 0, size);
      sorted = true;
    }
    return items;
  }

  /** A sorted copy of exactly {@link #size()} values. */
  double[] toSortedArray() {
    return Arrays.copyOf(sortedItems(), size);
  }

  DoubleBuffer copy() {
    DoubleBuffer copy = new DoubleBuffer(Math.max(INITIAL_CAPACITY, size));
    System.arraycopy(items, 0, copy.items, 0, size);
    copy.size = size;
    copy.sorted = sorted;
    return copy;
  }
}
