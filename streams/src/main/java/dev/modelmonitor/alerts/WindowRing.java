package dev.modelmonitor.alerts;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A model's sliding window at one resolution: a ring of {@link Bucket}s of {@code width} ms,
 * enough of them for the longest window of the rules that use this width. The window of length
 * W at model time {@code now} is the {@code ceil(W / width)} buckets up to and including the one
 * holding {@code now}; it covers between W − width and W.
 */
final class WindowRing {
  final long width;
  private Bucket[] slots;
  /** Model time of the first event counted, for windows younger than their length. */
  long since = Long.MIN_VALUE;
  /** Whether buckets profile feature values for drift. */
  boolean profiles;
  /** Changes whenever a bucket other than the newest one changes (late events, resizes). */
  private long closedVersion;
  private final java.util.Map<Long, WindowTotals> totals = new java.util.HashMap<>();
  /** Starts of buckets dropped since last written, whose stored copies are to be deleted. */
  final java.util.List<Long> evicted = new java.util.ArrayList<>();

  WindowRing(long width, int capacity) {
    this.width = width;
    this.slots = new Bucket[capacity];
  }

  int capacity() {
    return slots.length;
  }

  /** Number of buckets a window of {@code windowMs} spans. */
  int bucketsFor(long windowMs) {
    return (int) Math.max(1, (windowMs + width - 1) / width);
  }

  /** Buckets the window of {@code windowMs} spans here (no more than the ring holds). */
  int windowBuckets(long windowMs) {
    return Math.min(bucketsFor(windowMs), slots.length);
  }

  /** Grows or shrinks to {@code capacity}, keeping the buckets that still fit. */
  void resize(int capacity) {
    if (capacity == slots.length) {
      return;
    }
    closedVersion++;
    Bucket[] old = slots;
    slots = new Bucket[capacity];
    for (Bucket b : old) {
      if (b != null) {
        put(b);
      }
    }
  }

  /** Places a bucket (read from the store, or moved by a resize), keeping the newer of two in a slot. */
  void put(Bucket b) {
    int i = slot(Math.floorDiv(b.start, width));
    Bucket there = slots[i];
    if (there == null || there.start < b.start) {
      if (there != null) {
        evicted.add(there.start);
      }
      slots[i] = b;
    } else if (there != b) {
      evicted.add(b.start);
    }
  }

  /**
   * The bucket for event time {@code t} when the model clock reads {@code now}; null when the
   * event is older than the ring reaches.
   */
  Bucket bucketFor(long t, long now) {
    long index = Math.floorDiv(t, width);
    long current = Math.floorDiv(now, width);
    if (index <= current - slots.length) {
      return null;
    }
    int i = slot(index);
    long start = index * width;
    Bucket b = slots[i];
    if (b == null || b.start < start) {
      if (b != null) {
        evicted.add(b.start);
      }
      b = new Bucket(start);
      slots[i] = b;
    } else if (b.start > start) {
      return null;
    }
    if (since == Long.MIN_VALUE || t < since) {
      since = t;
    }
    // The two newest buckets are read live by WindowTotals; an older one changing is news.
    if (index < current - 1) {
      closedVersion++;
    }
    return b;
  }

  /** The bucket of index {@code index} when the ring holds it. */
  Bucket bucketAt(long index) {
    Bucket b = slots[slot(index)];
    return b != null && b.start == index * width ? b : null;
  }

  long closedVersion() {
    return closedVersion;
  }

  /** The window of {@code windowMs} at model time {@code now}, as closed totals plus the current bucket. */
  WindowTotals totals(long now, long windowMs) {
    return totals.computeIfAbsent(windowMs, w -> new WindowTotals(this, w)).at(now);
  }

  /** Forgets what was computed from the buckets (after they changed other than by events). */
  void invalidate() {
    closedVersion++;
  }

  /** Visits the buckets of the window of {@code windowMs} ending at {@code now}, oldest first. */
  void forEach(long now, long windowMs, Consumer<Bucket> visitor) {
    long current = Math.floorDiv(now, width);
    int n = windowBuckets(windowMs);
    for (long index = current - n + 1; index <= current; index++) {
      Bucket b = slots[slot(index)];
      if (b != null && b.start == index * width) {
        visitor.accept(b);
      }
    }
  }

  /** Visits every bucket held. */
  void forEachBucket(Consumer<Bucket> visitor) {
    for (Bucket b : slots) {
      if (b != null) {
        visitor.accept(b);
      }
    }
  }

  /** Start of the oldest bucket of the window (whether or not it holds events). */
  long windowStart(long now, long windowMs) {
    long current = Math.floorDiv(now, width);
    int n = windowBuckets(windowMs);
    return (current - n + 1) * width;
  }

  private int slot(long index) {
    return (int) Math.floorMod(index, (long) slots.length);
  }

  /** Writes what the ring is (width, capacity, first event, profiling), not its buckets. */
  void writeHead(DataOutput out) throws IOException {
    out.writeLong(width);
    out.writeInt(slots.length);
    out.writeLong(since);
    out.writeBoolean(profiles);
  }

  /** Reads {@link #writeHead}: a ring without buckets. */
  static WindowRing readHead(DataInput in) throws IOException {
    WindowRing ring = new WindowRing(in.readLong(), in.readInt());
    ring.since = in.readLong();
    ring.profiles = in.readBoolean();
    return ring;
  }
}
