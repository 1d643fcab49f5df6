package dev.modelmonitor.stats;

import java.util.Arrays;

/** A growable array of primitive doubles, so that keeping values never boxes them. */
final class DoubleBuffer {
  private double[] items = new double[16];
  private int size;
  private boolean sorted = true;

  void add(double value) {
    if (size == items.length) {
      items = Arrays.copyOf(items, items.length * 2);
    }
    if (sorted && size > 0 && value < items[size - 1]) {
      sorted = false;
    }
    items[size++] = value;
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
}
