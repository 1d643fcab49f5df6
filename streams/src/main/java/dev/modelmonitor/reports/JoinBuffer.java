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
 * One side of the label join waiting for the other: per join key (model and requestId) and time
 * bucket, a timestamp and a payload, until it is taken or expires. A second record with the same
 * join key in the same bucket replaces the first (requestIds are unique per model).
 *
 * <p>A key-value store keyed by time bucket, not a window store: a window store drops entries by
 * the largest timestamp put into it, that is by this side's own time. Kafka Streams does not hold
 * one input back for the other here ({@code max.task.idle.ms=-1}, see {@link
 * ReportsTopology#recommendedStreamsConfig}), and one side can run days of event time ahead (a
 * batch of small label records spans days of hourly history), so a window store would drop
 * entries before their partners arrive. Here the caller expires entries by the time of the side
 * they wait for ({@link #expireBefore}).
 *
 * <p>Layout: {@code bucket (big-endian, sign bit flipped so that bytes sort as numbers) + joinKey
 * -> timestamp, payload}, the bucket being {@code timestamp / bucketMs}. Keys sort by time, so
 * expiry is one range scan, and a record costs one write and one delete (each a changelog
 * record); a lookup reads the few buckets its time range spans.
 */
final class JoinBuffer {
  private final KeyValueStore<Bytes, byte[]> store;
  private final long bucketMs;

  /**
   * @param bucketMs the bucket width; lookups span ranges of up to twice this, so that they read
   *     at most three buckets
   */
  JoinBuffer(KeyValueStore<Bytes, byte[]> store, long bucketMs) {
    this.store = store;
    this.bucketMs = Math.max(1, bucketMs);
  }

  /** A record that waited: its timestamp and payload. */
  record Waiting(long timestamp, byte[] payload) {}

  /** Keeps {@code payload} under {@code joinKey}, replacing what waited there in its bucket. */
  void put(String joinKey, long timestamp, byte[] payload) {
    store.put(key(bucketOf(timestamp), joinKey.getBytes(StandardCharsets.UTF_8)),
        ByteBuffer.allocate(Long.BYTES + payload.length).putLong(timestamp).put(payload).array());
  }

  /**
   * Takes (returns and deletes) what waits under {@code joinKey} with a timestamp within
   * [{@code from}, {@code to}], the earliest bucket first; null when nothing does.
   */
  Waiting take(String joinKey, long from, long to) {
    long first = bucketOf(from);
    long last = bucketOf(to);
    if (last - first > 2) {
      throw new IllegalArgumentException("a lookup spans at most twice the bucket width "
          + bucketMs + " ms: [" + from + ", " + to + "]");
    }
    byte[] name = joinKey.getBytes(StandardCharsets.UTF_8);
    for (long bucket = first; bucket <= last; bucket++) {
      Bytes key = key(bucket, name);
      byte[] value = store.get(key);
      if (value == null) {
        continue;
      }
      ByteBuffer in = ByteBuffer.wrap(value);
      long timestamp = in.getLong();
      if (timestamp < from || timestamp > to) {
        continue;
      }
      byte[] payload = new byte[in.remaining()];
      in.get(payload);
      store.delete(key);
      return new Waiting(timestamp, payload);
    }
    return null;
  }

  /** Deletes every entry dated before {@code time}; returns how many. */
  int expireBefore(long time) {
    if (time == Long.MIN_VALUE) {
      return 0;
    }
    List<Bytes> expired = new ArrayList<>();
    Bytes from = Bytes.wrap(new byte[0]);
    // Every key of a bucket up to time's sorts below the first key of the next bucket.
    Bytes to = Bytes.wrap(ByteBuffer.allocate(Long.BYTES)
        .putLong((bucketOf(time) + 1) ^ Long.MIN_VALUE).array());
    try (KeyValueIterator<Bytes, byte[]> old = store.range(from, to)) {
      while (old.hasNext()) {
        KeyValue<Bytes, byte[]> entry = old.next();
        if (!entry.key.equals(to) && ByteBuffer.wrap(entry.value).getLong() < time) {
          expired.add(entry.key);
        }
      }
    }
    expired.forEach(store::delete);
    return expired.size();
  }

  private long bucketOf(long timestamp) {
    return Math.floorDiv(timestamp, bucketMs);
  }

  private static Bytes key(long bucket, byte[] name) {
    return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + name.length)
        .putLong(bucket ^ Long.MIN_VALUE).put(name).array());
  }
}
