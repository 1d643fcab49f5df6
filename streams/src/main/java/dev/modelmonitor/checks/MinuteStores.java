package dev.modelmonitor.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Where minute buckets live and how they are read back, by the processor and by interactive
 * queries alike. A minute that has ended is one value in the window store {@link
 * ChecksTopology#MINUTES_STORE} (key modelId, window start = the minute). A minute still open is
 * a series of deltas in the key-value store {@link ChecksTopology#DELTAS_STORE}, one per commit
 * that saw its traffic, keyed {@code modelId NUL minute NUL sequence} (fixed-width hex, so keys
 * sort by time); when the minute is closed its deltas are merged into one bucket and deleted in
 * the same commit. So each commit writes only what changed, and state stays a bucket per minute.
 *
 * <p>A close is two writes to two stores, and readers on other threads may look in between: the
 * bucket is written first, then the deltas are deleted. The stored bucket records the highest
 * delta sequence it absorbed ({@link MinuteBucket#absorbedThrough}) and readers skip the deltas
 * at or below it, so a minute being closed counts once. A late event can open a closed minute
 * again (when the task's clock is behind the one that closed it: a rebalance); its new deltas
 * are numbered above the stored bucket's, count alongside it, and are merged into it when the
 * minute closes again. Readers read the deltas before the buckets: a delta gone by then was
 * deleted after its bucket was written, so the bucket is found.
 */
final class MinuteStores {
  static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();
  private static final char SEPARATOR = '\u0000';

  private MinuteStores() {}

  static long floorMinute(long millis) {
    return Math.floorDiv(millis, MINUTE_MS) * MINUTE_MS;
  }

  static String deltaKey(String model, long minute, int sequence) {
    StringBuilder key = new StringBuilder(model.length() + 26).append(model).append(SEPARATOR);
    hex(key, Long.toHexString(minute), 16).append(SEPARATOR);
    return hex(key, Integer.toHexString(sequence), 8).toString();
  }

  /** The first key of {@code model}'s deltas of {@code minute} or later. */
  static String deltaFrom(String model, long minute) {
    StringBuilder key = new StringBuilder(model.length() + 17).append(model).append(SEPARATOR);
    return hex(key, Long.toHexString(minute), 16).toString();
  }

  /** {@code digits} zero-padded to {@code width}, as {@code %016x} does, without a Formatter. */
  private static StringBuilder hex(StringBuilder key, String digits, int width) {
    for (int i = digits.length(); i < width; i++) {
      key.append('0');
    }
    return key.append(digits);
  }

  /** Past the last key of {@code model}'s deltas of {@code minute} or earlier. */
  static String deltaTo(String model, long minute) {
    return deltaFrom(model, minute) + '\u0001';
  }

  /** The model, minute and sequence of a delta key. */
  record DeltaKey(String model, long minute, int sequence) {
    static DeltaKey parse(String key) {
      int second = key.lastIndexOf(SEPARATOR);
      int first = key.lastIndexOf(SEPARATOR, second - 1);
      return new DeltaKey(key.substring(0, first),
          Long.parseUnsignedLong(key.substring(first + 1, second), 16),
          Integer.parseUnsignedInt(key.substring(second + 1), 16));
    }
  }

  /**
   * {@code model}'s buckets of the minutes {@code fromMinute} to {@code toMinute} (inclusive) that
   * hold anything: ended minutes as stored (with the deltas they have not absorbed), open ones as
   * the sum of their deltas.
   */
  static NavigableMap<Long, MinuteBucket> read(ReadOnlyWindowStore<String, byte[]> minutes,
      ReadOnlyKeyValueStore<String, byte[]> deltas, String model, long fromMinute,
      long toMinute) {
    Map<Long, NavigableMap<Integer, byte[]>> open = deltas(deltas, model, fromMinute, toMinute);
    NavigableMap<Long, MinuteBucket> buckets = new TreeMap<>();
    try (WindowStoreIterator<byte[]> closed = minutes.fetch(
        model, Instant.ofEpochMilli(fromMinute), Instant.ofEpochMilli(toMinute))) {
      while (closed.hasNext()) {
        KeyValue<Long, byte[]> next = closed.next();
        MinuteBucket stored = MinuteBucket.fromBytes(next.value);
        List<MinuteBucket> parts = unabsorbed(open.remove(next.key), stored);
        parts.add(0, stored);
        buckets.put(next.key, combine(parts));
      }
    }
    open.forEach((minute, sequences) -> buckets.put(minute, combine(unabsorbed(sequences, null))));
    return buckets;
  }

  /**
   * The deltas of {@code model}'s minutes {@code fromMinute} to {@code toMinute} as stored, by
   * minute and sequence, not decoded: some may belong to a stored bucket (see {@link
   * #unabsorbed}).
   */
  static Map<Long, NavigableMap<Integer, byte[]>> deltas(
      ReadOnlyKeyValueStore<String, byte[]> deltas, String model, long fromMinute,
      long toMinute) {
    Map<Long, NavigableMap<Integer, byte[]>> open = new TreeMap<>();
    try (KeyValueIterator<String, byte[]> it =
        deltas.range(deltaFrom(model, fromMinute), deltaTo(model, toMinute))) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> next = it.next();
        DeltaKey key = DeltaKey.parse(next.key);
        if (key.model().equals(model)) {
          open.computeIfAbsent(key.minute(), m -> new TreeMap<>()).put(key.sequence(), next.value);
        }
      }
    }
    return open;
  }

  /**
   * A minute's deltas ({@code sequences}, may be null) that its stored bucket ({@code stored},
   * null when there is none) has not absorbed, decoded, in sequence order.
   */
  static List<MinuteBucket> unabsorbed(NavigableMap<Integer, byte[]> sequences,
      MinuteBucket stored) {
    List<MinuteBucket> parts = new ArrayList<>();
    if (sequences != null) {
      Map<Integer, byte[]> later =
          stored == null ? sequences : sequences.tailMap(stored.absorbedThrough, false);
      later.values().forEach(bytes -> parts.add(MinuteBucket.fromBytes(bytes)));
    }
    return parts;
  }

  /**
   * The latest minute of {@code model} with traffic between {@code fromMillis} and {@code
   * toMillis}, stored or open, or -1. (A delta absorbed by a stored bucket names the bucket's own
   * minute, so it needs no skipping here.)
   */
  static long lastMinuteWithTraffic(ReadOnlyWindowStore<String, byte[]> minutes,
      ReadOnlyKeyValueStore<String, byte[]> deltas, String model, long fromMillis,
      long toMillis) {
    long last = -1;
    try (KeyValueIterator<String, byte[]> open = deltas.reverseRange(
        deltaFrom(model, floorMinute(fromMillis)), deltaTo(model, floorMinute(toMillis)))) {
      while (open.hasNext()) {
        DeltaKey key = DeltaKey.parse(open.next().key);
        if (key.model().equals(model)) {
          last = key.minute();
          break;
        }
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
   * The parts of one minute as one bucket. Should the reference have changed within the minute,
   * the profiles of the newest reference's parts are kept and the counts of all.
   */
  static MinuteBucket combine(List<MinuteBucket> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    long version = parts.stream().mapToLong(b -> b.referenceVersion).max().orElse(0);
    MinuteBucket total = new MinuteBucket();
    total.referenceVersion = version;
    for (MinuteBucket part : parts) {
      total.mergeFrom(part, part.referenceVersion == version);
    }
    return total;
  }
}
