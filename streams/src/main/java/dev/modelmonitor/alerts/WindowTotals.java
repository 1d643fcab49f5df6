package dev.modelmonitor.alerts;

import dev.modelmonitor.schema.Outcome;
import java.util.HashMap;
import java.util.Map;

/**
 * A window's counts split into the closed buckets, summed once, and the two newest buckets
 * (the current one and the one before, where events a little late still land), read live: so
 * evaluating a rule on every event costs a few additions, not a pass over every bucket. The
 * closed part is recomputed when the window moves to a new bucket or an older event lands in a
 * closed one.
 */
final class WindowTotals {
  private final WindowRing ring;
  private final long windowMs;
  private long index = Long.MIN_VALUE;
  private long version = -1;
  private long closedCount;
  private long closedErrors;
  private final Map<String, long[]> closedMissing = new HashMap<>();
  private LatencySketch closedLatency;
  private boolean closedLatencyKnown;
  private Bucket current;
  private Bucket previous;

  WindowTotals(WindowRing ring, long windowMs) {
    this.ring = ring;
    this.windowMs = windowMs;
  }

  /** Brings the totals to model time {@code now}. */
  WindowTotals at(long now) {
    long currentIndex = Math.floorDiv(now, ring.width);
    if (currentIndex != index || version != ring.closedVersion()) {
      index = currentIndex;
      version = ring.closedVersion();
      closedCount = 0;
      closedErrors = 0;
      closedMissing.clear();
      closedLatency = null;
      closedLatencyKnown = false;
      long liveStart = (currentIndex - 1) * ring.width;
      ring.forEach(now, windowMs, b -> {
        if (b.start >= liveStart) {
          return;
        }
        closedCount += b.count;
        closedErrors += b.errors();
        b.missing.forEach((f, n) -> closedMissing.computeIfAbsent(f, k -> new long[1])[0] += n[0]);
      });
    }
    current = ring.bucketAt(currentIndex);
    // The window may be a single bucket: then the one before is not in it.
    previous = ring.windowBuckets(windowMs) > 1 ? ring.bucketAt(currentIndex - 1) : null;
    return this;
  }

  long count() {
    return closedCount + (current == null ? 0 : current.count) + (previous == null ? 0 : previous.count);
  }

  long errors() {
    return closedErrors + (current == null ? 0 : current.errors()) + (previous == null ? 0 : previous.errors());
  }

  long missing(String feature) {
    long[] closed = closedMissing.get(feature);
    return (closed == null ? 0 : closed[0]) + (current == null ? 0 : current.missing(feature))
        + (previous == null ? 0 : previous.missing(feature));
  }

  /** Every latency in the window: the closed buckets' merged once per bucket, and the live ones. */
  LatencySketch.Union latencies(long now) {
    if (!closedLatencyKnown) {
      long liveStart = (index - 1) * ring.width;
      ring.forEach(now, windowMs, b -> {
        if (b.start < liveStart && b.latency != null) {
          if (closedLatency == null) {
            closedLatency = new LatencySketch();
          }
          closedLatency.addAll(b.latency);
        }
      });
      closedLatencyKnown = true;
    }
    java.util.List<LatencySketch> parts = new java.util.ArrayList<>(3);
    if (closedLatency != null) {
      parts.add(closedLatency);
    }
    if (previous != null && previous.latency != null) {
      parts.add(previous.latency);
    }
    if (current != null && current.latency != null) {
      parts.add(current.latency);
    }
    return new LatencySketch.Union(parts);
  }

  /** Outcome counts (for evidence; computed from the buckets). */
  static long[] outcomes(WindowRing ring, long now, long windowMs) {
    long[] outcomes = new long[Outcome.values().length];
    ring.forEach(now, windowMs, b -> {
      for (int i = 0; i < outcomes.length; i++) {
        outcomes[i] += b.outcomes[i];
      }
    });
    return outcomes;
  }
}
