package dev.modelmonitor.alerts;

import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.apache.datasketches.req.ReqSketch;

/**
 * Latencies (ms) of a time bucket: a DataSketches REQ sketch in high-rank-accuracy mode, so the
 * tail quantiles alerts watch (p99, p99.9) keep a small relative error however many requests a
 * bucket sees. Exact while it holds fewer than 6·{@value #K} = 144 values (about 8 KB at 100,000),
 * mergeable, and serialized as its own bytes.
 */
final class LatencySketch {
  /** REQ section size: accuracy against memory (a few KB per busy bucket). */
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

  /**
   * The nearest-rank quantile: the smallest latency with at least {@code rank} of the values at
   * or below it (exact while the sketch holds every value).
   */
  double quantile(double rank) {
    return sketch.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE);
  }

  double max() {
    return sketch.getMaxItem();
  }

  byte[] toBytes() {
    return sketch.toByteArray();
  }

  static LatencySketch fromBytes(byte[] bytes) {
    return new LatencySketch(ReqSketch.heapify(Memory.wrap(bytes)));
  }
}
