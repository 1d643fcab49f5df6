package dev.modelmonitor.checks;

import dev.modelmonitor.checks.MinuteStores.DeltaKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The minutes of one task that are still open, in memory: events update a pending bucket; at
 * each commit ({@link #flush(long)}) the pending bucket is written as a delta to the store and
 * merged into the minute's committed sum, or, once its minute has ended (plus {@link
 * #CLOSE_DELAY} for stragglers), the minute's sum becomes one stored bucket and its deltas are
 * deleted. Answers read ended minutes from the store and open ones from memory. After a restart
 * {@link #recover()} rebuilds the sums from the deltas. See {@link MinuteStores} for the layout.
 */
final class OpenMinutes {
  /** How long after its end a minute still takes events cheaply, before it is closed. */
  static final Duration CLOSE_DELAY = Duration.ofSeconds(5);

  private final WindowStore<String, byte[]> minutes;
  private final KeyValueStore<String, byte[]> deltas;
  /** model → minute → the minute's in-memory part. */
  private final Map<String, Map<Long, Open>> open = new HashMap<>();

  /**
   * An open minute: the next delta's sequence number, the sum of its deltas written so far, and
   * the events since the last commit.
   */
  private static final class Open {
    int nextSequence;
    MinuteBucket committed;
    MinuteBucket pending;

    /** What this minute holds in memory, committed and pending, without copying. */
    List<MinuteBucket> parts() {
      List<MinuteBucket> parts = new ArrayList<>(2);
      if (committed != null) {
        parts.add(committed);
      }
      if (pending != null && !pending.isEmpty()) {
        parts.add(pending);
      }
      return parts;
    }
  }

  OpenMinutes(WindowStore<String, byte[]> minutes, KeyValueStore<String, byte[]> deltas) {
    this.minutes = minutes;
    this.deltas = deltas;
  }

  /** Rebuilds the open minutes from the deltas in the store: after a restart or a rebalance. */
  void recover() {
    open.clear();
    Map<String, Map<Long, List<MinuteBucket>>> parts = new HashMap<>();
    try (KeyValueIterator<String, byte[]> all = deltas.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> next = all.next();
        DeltaKey key = DeltaKey.parse(next.key);
        Open minute = slot(key.model(), key.minute());
        minute.nextSequence = Math.max(minute.nextSequence, key.sequence() + 1);
        parts.computeIfAbsent(key.model(), m -> new HashMap<>())
            .computeIfAbsent(key.minute(), m -> new ArrayList<>())
            .add(MinuteBucket.fromBytes(next.value));
      }
    }
    parts.forEach((model, byMinute) -> byMinute.forEach((minute, list) ->
        slot(model, minute).committed = MinuteStores.combine(list)));
  }

  private Open slot(String model, long minute) {
    return open.computeIfAbsent(model, m -> new HashMap<>()).computeIfAbsent(minute, m -> new Open());
  }

  /** The pending bucket of {@code model}'s {@code minute}, created by {@code empty} if none. */
  MinuteBucket pending(String model, long minute, Supplier<MinuteBucket> empty) {
    Open slot = slot(model, minute);
    if (slot.pending == null) {
      slot.pending = empty.get();
    }
    return slot.pending;
  }

  /**
   * {@code model}'s buckets from {@code fromMinute} to {@code toMinute}: the ended minutes from
   * the store, the open ones from memory (including what is pending, so an answer includes every
   * event processed before it). The buckets returned may be this object's own: do not change
   * them.
   */
  NavigableMap<Long, MinuteBucket> read(String model, long fromMinute, long toMinute) {
    NavigableMap<Long, MinuteBucket> buckets = new TreeMap<>();
    try (WindowStoreIterator<byte[]> closed = minutes.fetch(
        model, Instant.ofEpochMilli(fromMinute), Instant.ofEpochMilli(toMinute))) {
      while (closed.hasNext()) {
        KeyValue<Long, byte[]> next = closed.next();
        buckets.put(next.key, MinuteBucket.fromBytes(next.value));
      }
    }
    Map<Long, Open> mine = open.get(model);
    if (mine != null) {
      mine.forEach((minute, slot) -> {
        if (minute >= fromMinute && minute <= toMinute) {
          List<MinuteBucket> parts = slot.parts();
          MinuteBucket stored = buckets.get(minute);
          if (stored != null) {
            parts.add(0, stored);
          }
          if (!parts.isEmpty()) {
            buckets.put(minute, MinuteStores.combine(parts));
          }
        }
      });
    }
    return buckets;
  }

  /** Writes what is pending; closes the minutes that have ended. Runs inside each commit. */
  void flush(long nowMillis) {
    for (Iterator<Map.Entry<String, Map<Long, Open>>> models = open.entrySet().iterator();
        models.hasNext(); ) {
      Map.Entry<String, Map<Long, Open>> model = models.next();
      for (Iterator<Map.Entry<Long, Open>> it = model.getValue().entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Long, Open> entry = it.next();
        long minute = entry.getKey();
        Open slot = entry.getValue();
        if (nowMillis >= minute + MinuteStores.MINUTE_MS + CLOSE_DELAY.toMillis()) {
          close(model.getKey(), minute, slot);
          it.remove();
        } else if (slot.pending != null) {
          if (!slot.pending.isEmpty()) {
            deltas.put(MinuteStores.deltaKey(model.getKey(), minute, slot.nextSequence++),
                slot.pending.toBytes());
            commit(slot);
          }
          slot.pending = null;
        }
      }
      if (model.getValue().isEmpty()) {
        models.remove();
      }
    }
  }

  /** Folds what was pending into the committed sum, in place when the reference is the same. */
  private static void commit(Open slot) {
    if (slot.committed == null) {
      slot.committed = slot.pending;
    } else if (slot.committed.referenceVersion == slot.pending.referenceVersion) {
      slot.committed.mergeFrom(slot.pending, true);
    } else {
      slot.committed = MinuteStores.combine(List.of(slot.committed, slot.pending));
    }
  }

  private void close(String model, long minute, Open slot) {
    List<MinuteBucket> parts = slot.parts();
    byte[] stored = minutes.fetch(model, minute);
    if (stored != null) {
      parts.add(0, MinuteBucket.fromBytes(stored));
    }
    if (!parts.isEmpty()) {
      minutes.put(model, MinuteStores.combine(parts).toBytes(), minute);
    }
    for (int sequence = 0; sequence < slot.nextSequence; sequence++) {
      deltas.delete(MinuteStores.deltaKey(model, minute, sequence));
    }
  }

  /**
   * The latest minute of {@code model} with traffic between {@code fromMillis} and {@code
   * toMillis}, or -1.
   */
  long lastMinuteWithTraffic(String model, long fromMillis, long toMillis) {
    long last = -1;
    Map<Long, Open> mine = open.get(model);
    if (mine != null) {
      for (long minute : mine.keySet()) {
        last = Math.max(last, minute);
      }
    }
    try (WindowStoreIterator<byte[]> stored = minutes.backwardFetch(model,
        Instant.ofEpochMilli(fromMillis), Instant.ofEpochMilli(toMillis))) {
      if (stored.hasNext()) {
        last = Math.max(last, stored.next().key);
      }
    }
    return last;
  }

  /**
   * Drops everything held in memory: the task is discarding its uncommitted state, and will
   * {@link #recover()} from the restored store when it runs again.
   */
  void discard() {
    open.clear();
  }

  /** Minutes held open, for tests and metrics. */
  int openMinutes() {
    return open.values().stream().mapToInt(Map::size).sum();
  }
}
