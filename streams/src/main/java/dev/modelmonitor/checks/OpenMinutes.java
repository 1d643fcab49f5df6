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
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The minutes of one task that have taken events since the last commit, in memory: events update
 * a pending bucket, and at each commit ({@link #flush(long)}) a pending bucket becomes a delta in
 * the store, or, once its minute has ended (plus {@link #CLOSE_DELAY} for stragglers), the
 * minute's deltas and pending data become one stored bucket and the deltas are deleted. See
 * {@link MinuteStores} for the layout.
 */
final class OpenMinutes {
  /** How long after its end a minute still takes events cheaply, before it is closed. */
  static final Duration CLOSE_DELAY = Duration.ofSeconds(5);

  private final WindowStore<String, byte[]> minutes;
  private final KeyValueStore<String, byte[]> deltas;
  /** model → minute → the minute's in-memory part. */
  private final Map<String, Map<Long, Open>> open = new HashMap<>();

  /** An open minute: the next delta's sequence number and the events since the last commit. */
  private static final class Open {
    int nextSequence;
    MinuteBucket pending;
  }

  OpenMinutes(WindowStore<String, byte[]> minutes, KeyValueStore<String, byte[]> deltas) {
    this.minutes = minutes;
    this.deltas = deltas;
  }

  /** Registers the minutes whose deltas are in the store: after a restart or a rebalance. */
  void recover() {
    open.clear();
    try (KeyValueIterator<String, byte[]> all = deltas.all()) {
      while (all.hasNext()) {
        DeltaKey key = DeltaKey.parse(all.next().key);
        Open minute = open.computeIfAbsent(key.model(), m -> new HashMap<>())
            .computeIfAbsent(key.minute(), m -> new Open());
        minute.nextSequence = Math.max(minute.nextSequence, key.sequence() + 1);
      }
    }
  }

  /** The pending bucket of {@code model}'s {@code minute}, created by {@code empty} if none. */
  MinuteBucket pending(String model, long minute, Supplier<MinuteBucket> empty) {
    Open slot = open.computeIfAbsent(model, m -> new HashMap<>())
        .computeIfAbsent(minute, m -> new Open());
    if (slot.pending == null) {
      slot.pending = empty.get();
    }
    return slot.pending;
  }

  /**
   * {@code model}'s buckets from {@code fromMinute} to {@code toMinute}: the stored minutes and
   * deltas plus what is pending, so an answer includes every event processed before it.
   */
  NavigableMap<Long, MinuteBucket> read(String model, long fromMinute, long toMinute) {
    NavigableMap<Long, MinuteBucket> buckets =
        MinuteStores.read(minutes, deltas, model, fromMinute, toMinute);
    Map<Long, Open> mine = open.get(model);
    if (mine != null) {
      mine.forEach((minute, slot) -> {
        if (slot.pending != null && minute >= fromMinute && minute <= toMinute) {
          MinuteBucket stored = buckets.get(minute);
          buckets.put(minute, stored == null ? slot.pending
              : MinuteStores.combine(List.of(stored, slot.pending)));
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
          close(model.getKey(), minute, slot.pending);
          it.remove();
        } else if (slot.pending != null) {
          if (!slot.pending.isEmpty()) {
            deltas.put(MinuteStores.deltaKey(model.getKey(), minute, slot.nextSequence++),
                slot.pending.toBytes());
          }
          slot.pending = null;
        }
      }
      if (model.getValue().isEmpty()) {
        models.remove();
      }
    }
  }

  private void close(String model, long minute, MinuteBucket pending) {
    NavigableMap<Long, MinuteBucket> stored =
        MinuteStores.read(minutes, deltas, model, minute, minute);
    List<MinuteBucket> parts = new ArrayList<>(2);
    if (stored.containsKey(minute)) {
      parts.add(stored.get(minute));
    }
    if (pending != null && !pending.isEmpty()) {
      parts.add(pending);
    }
    if (!parts.isEmpty()) {
      minutes.put(model, MinuteStores.combine(parts).toBytes(), minute);
    }
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> old = deltas.range(
        MinuteStores.deltaFrom(model, minute), MinuteStores.deltaTo(model, minute))) {
      while (old.hasNext()) {
        KeyValue<String, byte[]> next = old.next();
        keys.add(next.key);
      }
    }
    keys.forEach(deltas::delete);
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

  /** Drops everything pending: the task is discarding its uncommitted state. */
  void discard() {
    open.clear();
  }

  /** Minutes held open, for tests and metrics. */
  int openMinutes() {
    return open.values().stream().mapToInt(Map::size).sum();
  }
}
