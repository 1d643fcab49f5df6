package dev.modelmonitor.reports;

import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A reports task's time: the largest timestamp among the predictions it has processed. Windows
 * close and predictions turn late by it. The task keeps it itself instead of using Kafka Streams'
 * stream time, which every input record moves: a batch of labels processed before the predictions
 * of the same hours (a producer sends the two topics' batches independently) would close those
 * hours' windows and make their predictions late.
 *
 * <p>Written to {@link ReportStores#CLOCK} at every commit (by the commit hook, with the
 * journal), so a task that restarts from its committed offsets resumes at the time they left it
 * at; {@link #discard} goes back to that time when the task drops its uncommitted state.
 */
final class PredictionTime {
  private static final Bytes KEY = Bytes.wrap(new byte[] {'p'});

  private final KeyValueStore<Bytes, byte[]> store;
  private long committed;
  private long now;

  PredictionTime(KeyValueStore<Bytes, byte[]> store) {
    this.store = store;
    byte[] stored = store.get(KEY);
    committed = stored == null ? Long.MIN_VALUE : ByteBuffer.wrap(stored).getLong();
    now = committed;
  }

  /** The largest prediction timestamp seen, or Long.MIN_VALUE before the first. */
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
      store.put(KEY, ByteBuffer.allocate(Long.BYTES).putLong(now).array());
      committed = now;
    }
  }

  /** Goes back to the time of the last commit (a task dropping its uncommitted state). */
  void discard() {
    now = committed;
  }
}
