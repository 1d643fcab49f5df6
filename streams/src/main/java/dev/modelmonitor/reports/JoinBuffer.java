package dev.modelmonitor.reports;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One side of the label join waiting for the other: per join key (model and requestId) a
 * timestamp and a payload, until it is taken or expires. One entry per key: a second record with
 * the same key replaces the first (requestIds are unique per model).
 *
 * <p>A key-value store with its own time index, not a window store: a window store drops entries
 * by the largest timestamp put into it, that is by this side's own time. Kafka Streams does not
 * hold one input back for the other here ({@code max.task.idle.ms=-1}, see {@link
 * ReportsTopology#recommendedStreamsConfig}), and one side can run days of event time ahead (a
 * batch of small label records spans days of hourly history), so a window store would drop
 * entries before their partners arrive. Here the caller expires entries by the time of the side
 * they wait for ({@link #expireBefore}).
 *
 * <p>Layout: {@code 'e' + joinKey -> timestamp, payload} and, for expiry, {@code 'x' +
 * timestamp (big-endian, sign bit flipped so that bytes sort as numbers) + joinKey -> empty}.
 */
final class JoinBuffer {
  private static final byte ENTRY = 'e';
  private static final byte INDEX = 'x';
  private static final byte[] EMPTY = new byte[0];

  private final KeyValueStore<Bytes, byte[]> store;

  JoinBuffer(KeyValueStore<Bytes, byte[]> store) {
    this.store = store;
  }

  /** A record that waited: its timestamp and payload. */
  record Waiting(long timestamp, byte[] payload) {}

  /** Keeps {@code payload} under {@code joinKey}, replacing what waited there before. */
  void put(String joinKey, long timestamp, byte[] payload) {
    byte[] name = joinKey.getBytes(StandardCharsets.UTF_8);
    Bytes entry = entryKey(name);
    byte[] previous = store.get(entry);
    if (previous != null) {
      store.delete(indexKey(ByteBuffer.wrap(previous).getLong(), name));
    }
    store.put(entry, ByteBuffer.allocate(Long.BYTES + payload.length).putLong(timestamp)
        .put(payload).array());
    store.put(indexKey(timestamp, name), EMPTY);
  }

  /**
   * Takes (returns and deletes) what waits under {@code joinKey} when its timestamp is within
   * [{@code from}, {@code to}]; null when nothing waits or it is outside, then it stays.
   */
  Waiting take(String joinKey, long from, long to) {
    byte[] name = joinKey.getBytes(StandardCharsets.UTF_8);
    Bytes entry = entryKey(name);
    byte[] value = store.get(entry);
    if (value == null) {
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(value);
    long timestamp = in.getLong();
    if (timestamp < from || timestamp > to) {
      return null;
    }
    byte[] payload = new byte[in.remaining()];
    in.get(payload);
    store.delete(entry);
    store.delete(indexKey(timestamp, name));
    return new Waiting(timestamp, payload);
  }

  /** Deletes every entry dated before {@code time}; returns how many. */
  int expireBefore(long time) {
    if (time == Long.MIN_VALUE) {
      return 0;
    }
    List<Bytes> expired = new ArrayList<>();
    // Index keys of time t sort after this bound for every t >= time, before it for t < time.
    Bytes from = Bytes.wrap(new byte[] {INDEX});
    Bytes to = Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES).put(INDEX)
        .putLong(time ^ Long.MIN_VALUE).array());
    try (KeyValueIterator<Bytes, byte[]> old = store.range(from, to)) {
      while (old.hasNext()) {
        KeyValue<Bytes, byte[]> index = old.next();
        if (!index.key.equals(to)) {
          expired.add(index.key);
        }
      }
    }
    for (Bytes index : expired) {
      byte[] key = index.get();
      byte[] name = new byte[key.length - 1 - Long.BYTES];
      System.arraycopy(key, 1 + Long.BYTES, name, 0, name.length);
      store.delete(entryKey(name));
      store.delete(index);
    }
    return expired.size();
  }

  private static Bytes entryKey(byte[] name) {
    byte[] key = new byte[1 + name.length];
    key[0] = ENTRY;
    System.arraycopy(name, 0, key, 1, name.length);
    return Bytes.wrap(key);
  }

  private static Bytes indexKey(long timestamp, byte[] name) {
    return Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES + name.length).put(INDEX)
        .putLong(timestamp ^ Long.MIN_VALUE).put(name).array());
  }
}
