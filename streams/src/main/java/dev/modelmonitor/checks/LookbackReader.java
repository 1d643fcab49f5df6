package dev.modelmonitor.checks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads the minutes of a model's lookback from the checks' stores for an answer. Ended minutes
 * are decoded and summed once and the sum is reused while their stored bytes stay the same (a
 * late event that reopens and closes a minute changes them; a checksum of the bytes tells): most
 * of an answer's cost was decoding and merging them. Open minutes are read from their deltas every
 * time, and so is a stored minute opened again; deltas its stored bucket absorbed are skipped
 * (see {@link MinuteStores}). Thread-safe.
 */
final class LookbackReader {
  /** Sums kept: about one per model and lookback asked within a minute. */
  private static final int CACHED_SUMS = 128;

  private final Map<Key, Sum> sums = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Sum> eldest) {
      return size() > CACHED_SUMS;
    }
  };

  private record Key(String model, long fromMinute, long toMinute, long referenceVersion) {}

  /** The ended minutes' sum and the checksum of the bytes it was summed from. */
  private record Sum(long checksum, int minutes, LookbackWindow window) {}

  /**
   * {@code model}'s minutes {@code fromMinute} to {@code toMinute} (inclusive), counted against
   * the reference {@code referenceVersion}, as a window ending at {@code endMillis}.
   */
  LookbackWindow read(ChecksStores stores, String model, long fromMinute, long toMinute,
      long referenceVersion, long endMillis) {
    // Deltas before buckets: see MinuteStores for why the order matters.
    Map<Long, NavigableMap<Integer, byte[]>> deltas =
        MinuteStores.deltas(stores.deltas(), model, fromMinute, toMinute);
    Map<Long, List<MinuteBucket>> open = new TreeMap<>();
    List<byte[]> ended = new ArrayList<>();
    CRC32C checksum = new CRC32C();
    try (WindowStoreIterator<byte[]> stored = stores.minutes().fetch(
        model, Instant.ofEpochMilli(fromMinute), Instant.ofEpochMilli(toMinute))) {
      while (stored.hasNext()) {
        KeyValue<Long, byte[]> next = stored.next();
        NavigableMap<Integer, byte[]> sequences = deltas.remove(next.key);
        if (sequences != null) {
          MinuteBucket bucket = MinuteBucket.fromBytes(next.value);
          List<MinuteBucket> later = MinuteStores.unabsorbed(sequences, bucket);
          if (!later.isEmpty()) { // opened again by a late event: summed with its new deltas
            later.add(0, bucket);
            open.put(next.key, later);
            continue;
          }
        }
        ended.add(next.value);
        checksum.update(next.value);
      }
    }
    deltas.forEach((minute, sequences) ->
        open.put(minute, MinuteStores.unabsorbed(sequences, null)));
    Key key = new Key(model, fromMinute, toMinute, referenceVersion);
    Sum sum;
    synchronized (sums) {
      sum = sums.get(key);
    }
    if (sum == null || sum.checksum() != checksum.getValue() || sum.minutes() != ended.size()) {
      LookbackWindow window = new LookbackWindow(fromMinute, endMillis, referenceVersion);
      ended.forEach(bytes -> window.add(MinuteBucket.fromBytes(bytes)));
      sum = new Sum(checksum.getValue(), ended.size(), window);
      synchronized (sums) {
        sums.put(key, sum);
      }
    }
    LookbackWindow window = sum.window().copy(fromMinute, endMillis);
    open.values().forEach(parts -> window.add(MinuteStores.combine(parts)));
    return window;
  }
}
