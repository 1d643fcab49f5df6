package dev.modelmonitor.alerts;

import java.util.List;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.FloatsSortedView;
import org.apache.datasketches.req.ReqSketch;

/**
 * Latencies (ms) of a time bucket: a DataSketches REQ sketch in high-rank-accuracy mode, so the
 * tail quantiles alerts watch (p99, p99.9) keep a small relative error however many requests a
 * bucket sees. Exact while it holds fewer than 6·{@value #K} = 144 values (about 8 KB at 100,000),
 * mergeable, and serialized as its own bytes.
 */
final class LatencySketch {
  /** REQ section size: accuracy against memory. */
  static final int K = 24;

  private final ReqSketch sketch;

  LatencySketch() {
    this(ReqSketch.builder().setK(K).setHighRankAccuracy(true).build());
  }

  private LatencySketch(ReqSketch sketch) {
    this.sketch = sketch;
  }

  void add(double millis) {
    sketch.update((float) millis);
  }

  void addAll(LatencySketch other) {
    if (!other.sketch.isEmpty()) {
      sketch.merge(other.sketch);
    }
  }

  long count() {
    return sketch.getN();
  }

  byte[] toBytes() {
    return sketch.toByteArray();
  }

  static LatencySketch fromBytes(byte[] bytes) {
    return new LatencySketch(ReqSketch.heapify(Memory.wrap(bytes)));
  }

  /**
   * Latencies of several sketches read as one, without merging them (a merge copies the largest
   * one): the quantiles are taken from their sorted views, walked together.
   */
  record Union(List<LatencySketch> parts) {
    long count() {
      long n = 0;
      for (LatencySketch p : parts) {
        n += p.count();
      }
      return n;
    }

    double max() {
      double max = Double.NaN;
      for (LatencySketch p : parts) {
        if (p.count() > 0 && (Double.isNaN(max) || p.sketch.getMaxItem() > max)) {
          max = p.sketch.getMaxItem();
        }
      }
      return max;
    }

    /**
     * The nearest-rank quantile: the smallest latency with at least {@code rank} of all values
     * at or below it (exact while every part holds its values exactly).
     */
    double quantile(double rank) {
      long total = count();
      if (total == 0) {
        return Double.NaN;
      }
      long needed = Math.max(1, (long) Math.ceil(rank * total - 1e-9));
      int k = parts.size();
      float[][] items = new float[k][];
      long[][] cumulative = new long[k][];
      int[] at = new int[k];
      for (int i = 0; i < k; i++) {
        if (parts.get(i).count() == 0) {
          items[i] = new float[0];
          cumulative[i] = new long[0];
          continue;
        }
        FloatsSortedView view = parts.get(i).sketch.getSortedView();
        items[i] = view.getQuantiles();
        cumulative[i] = view.getCumulativeWeights();
      }
      long seen = 0;
      while (true) {
        float next = Float.NaN;
        for (int i = 0; i < k; i++) {
          if (at[i] < items[i].length && (Float.isNaN(next) || items[i][at[i]] < next)) {
            next = items[i][at[i]];
          }
        }
        if (Float.isNaN(next)) {
          return max();
        }
        // Every item equal to the next value counts before the rank is compared (inclusive rank).
        for (int i = 0; i < k; i++) {
          while (at[i] < items[i].length && items[i][at[i]] == next) {
            seen += cumulative[i][at[i]] - (at[i] == 0 ? 0 : cumulative[i][at[i] - 1]);
            at[i]++;
          }
        }
        if (seen >= needed) {
          return next;
        }
      }
    }
  }
}
