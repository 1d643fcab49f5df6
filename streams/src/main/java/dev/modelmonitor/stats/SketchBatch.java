package dev.modelmonitor.stats;

import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Values on their way into a KLL sketch, fed to it sorted, {@value #SIZE} at a time. A KLL
 * sketch sorts its level-0 buffer at every compaction, and for values in random order that sort
 * is most of an update's cost; a sorted batch leaves it nothing to do. Radix-sorting the batch
 * and feeding it costs about two thirds of updating the sketch one value at a time from about a
 * thousand values on (NumericProfileBenchmark, BENCHMARKS.md section 3). KLL's error bound holds
 * for any order of the values, so neither the order nor the batching changes what the sketch
 * guarantees.
 */
final class SketchBatch {
  static final int SIZE = 1024;

  private final double[] values = new double[SIZE];
  private int size;

  /** Adds a finite value, feeding the batch to {@code sketch} when it is full. */
  void add(double value, KllDoublesSketch sketch) {
    values[size++] = value;
    if (size == SIZE) {
      feedTo(sketch);
    }
  }

  /** Feeds the values waiting to {@code sketch}; every reader of the sketch calls this first. */
  void feedTo(KllDoublesSketch sketch) {
    if (size == 0) {
      return;
    }
    RadixSort.sort(values, size);
    // One by one: the sketch's bulk update allocates on every call.
    for (int i = 0; i < size; i++) {
      sketch.update(values[i]);
    }
    size = 0;
  }
}
