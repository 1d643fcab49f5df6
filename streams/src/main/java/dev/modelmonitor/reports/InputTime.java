package dev.modelmonitor.reports;

import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A reports task's time for one of its inputs: the largest timestamp among the records of that
 * input it has processed. The task keeps one for predictions ({@link #predictions}: windows close
 * and predictions turn late by it) and one for labels ({@link #labels}: windows that wait for
 * labels also wait for it). The task keeps them itself instead of using Kafka Streams' stream
 * time, which every input record moves: a batch of labels processed before the predictions of
 * the same hours (a producer sends the two topics' batches independently) would close those
 * hours' windows and make their predictions late.
 *
 * <p>Written to {@link ReportStores#CLOCK} at every commit (by the commit hook, with the
 * journal), so a task that restarts from its committed offsets resumes at the time they left it
 * at; {@link #discard} goes back to that time when the task drops its uncommitted state.
 */
final class InputTime {
  private final KeyValueStore<Bytes, byte[]> store;
  private final Bytes key;
  private long committed;
  private long now;

  private InputTime(KeyValueStore<Bytes, byte[]> store, char key) {
    this.store = store;
    this.key = Bytes.wrap(new byte[] {(byte) key});
    byte[] stored = store.get(this.key);
    committed = stored == null ? Long.MIN_VALUE : ByteBuffer.wrap(stored).getLong();
    now = committed;
  }

  /** The task's prediction time, as of its last commit. */
  static InputTime predictions(KeyValueStore<Bytes, byte[]> store) {
    return new InputTime(store, 'p');
  }

  /** The task's label time, as of its last commit. */
  static InputTime labels(KeyValueStore<Bytes, byte[]> store) {
    return new InputTime(store, 'l');
  }

  /** The largest timestamp seen, or Long.MIN_VALUE before the first. */
  long now() {
    return now;
  }

  /** Moves time to {@code timestamp} when that is later; returns the time. */
  long advance(long timestamp) {
    if (timestamp > now) {
      now = timestamp;
    }
    return now;
  }

  /** Stores the time when it moved since the last commit; run right before each commit. */
  void commit() {
    if (now != committed) {
      store.put(key, ByteBuffer.allocate(Long.BYTES).putLong(now).array());
      committed = now;
    }
  }

  /** Goes back to the time of the last commit (a task dropping its uncommitted state). */
  void discard() {
    now = committed;
  }
}
