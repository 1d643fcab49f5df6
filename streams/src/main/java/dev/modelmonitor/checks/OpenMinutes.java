package dev.modelmonitor.checks;

import dev.modelmonitor.checks.MinuteStores.DeltaKey;
import java.time.Duration;
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

/**
 * The minutes of one task that are still open, in memory: events update a pending bucket; at
 * each commit ({@link #flush(long)}) the pending bucket is merged into the minute's committed sum
 * and into its current chunk, and the chunk is written to the store as a delta; a chunk takes the
 * commits of {@link #CHUNK_SPAN}, then the next delta starts, so a minute has about 60 deltas
 * however often the task commits. Once its minute has ended (plus a close delay), the minute's
 * sum becomes one stored bucket, which records the last delta it absorbed, and its deltas are
 * deleted. Answers read both from the stores ({@link MinuteStores#read}). After a restart {@link
 * #recover()} rebuilds the sums from the deltas. See {@link MinuteStores} for the layout.
 *
 * <p>A minute opened again after it was closed (a late event, on a clock behind the one that
 * closed it) numbers its deltas above those its stored bucket absorbed; learning where costs one
 * point read of the window store when a minute's first delta is written, none per event.
 *
 * <p>The close delay is {@link #CLOSE_DELAY} plus up to {@link #CLOSE_SPREAD}, by model: models
 * close their minutes at different moments, not all in the commit after the minute's end.
 */
final class OpenMinutes {
  /** How long after its end a minute still takes late events cheaply, before it is closed. */
  static final Duration CLOSE_DELAY = Duration.ofSeconds(5);
  /** Closes are spread over this much time after the delay, by model. */
  static final Duration CLOSE_SPREAD = Duration.ofSeconds(30);
  /** A delta takes the commits of this long, rewritten at each. */
  static final Duration CHUNK_SPAN = Duration.ofSeconds(1);

  private final WindowStore<String, byte[]> minutes;
  private final KeyValueStore<String, byte[]> deltas;
  /** model → minute → the minute's in-memory part. */
  private final Map<String, Map<Long, Open>> open = new HashMap<>();
  /**
   * An open minute: the sum of its deltas written so far, the delta being written (its sequence
   * number, when it started, what it holds) and the events since the last commit.
   */
  private static final class Open {
    /** The sequence of the delta being written; -1 until the first is. */
    int sequence = -1;
    /** The first of this minute's deltas in the store, deleted with the rest at the close. */
    int firstSequence;
    int lastWritten = -1;
    long chunkStartedMillis;
    MinuteBucket chunk;
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

  /**
   * Rebuilds the open minutes from the deltas in the store: after a restart or a rebalance.
   * Deltas a stored bucket already absorbed (a close whose deletes did not all reach the
   * changelog) are left out of the sums and deleted at the minute's next close.
   */
  void recover() {
    open.clear();
    Map<String, Map<Long, NavigableMap<Integer, byte[]>>> found = new HashMap<>();
    try (KeyValueIterator<String, byte[]> all = deltas.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> next = all.next();
        DeltaKey key = DeltaKey.parse(next.key);
        found.computeIfAbsent(key.model(), m -> new HashMap<>())
            .computeIfAbsent(key.minute(), m -> new TreeMap<>())
            .put(key.sequence(), next.value);
      }
    }
    found.forEach((model, byMinute) -> byMinute.forEach((minute, sequences) -> {
      byte[] bytes = minutes.fetch(model, minute);
      MinuteBucket stored = bytes == null ? null : MinuteBucket.fromBytes(bytes);
      Open slot = slot(model, minute);
      slot.firstSequence = sequences.firstKey();
      slot.lastWritten = sequences.lastKey();
      slot.sequence = Math.max(slot.lastWritten, stored == null ? -1 : stored.absorbedThrough) + 1;
      List<MinuteBucket> parts = MinuteStores.unabsorbed(sequences, stored);
      if (!parts.isEmpty()) {
        slot.committed = MinuteStores.combine(parts);
      }
    }));
  }

  private Open slot(String model, long minute) {
    Map<Long, Open> mine = open.computeIfAbsent(model, m -> new HashMap<>());
    Open slot = mine.get(minute);
    if (slot == null) {
      slot = new Open();
      mine.put(minute, slot);
    }
    return slot;
  }

  /** The pending bucket of {@code model}'s {@code minute}, created by {@code empty} if none. */
  MinuteBucket pending(String model, long minute, Supplier<MinuteBucket> empty) {
    Open slot = slot(model, minute);
    if (slot.pending == null) {
      slot.pending = empty.get();
    }
    return slot.pending;
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
        if (nowMillis >= closesAt(model.getKey(), minute)) {
          close(model.getKey(), minute, slot);
          it.remove();
        } else if (slot.pending != null) {
          if (!slot.pending.isEmpty()) {
            write(model.getKey(), minute, slot, nowMillis);
          }
          slot.pending = null;
        }
      }
      if (model.getValue().isEmpty()) {
        models.remove();
      }
    }
  }

  /** When {@code model}'s {@code minute} is closed: after the delay, spread by model. */
  static long closesAt(String model, long minute) {
    return minute + MinuteStores.MINUTE_MS + CLOSE_DELAY.toMillis()
        + Math.floorMod(model.hashCode(), CLOSE_SPREAD.toMillis());
  }

  /** Folds what is pending into the sum and the current chunk, and writes the chunk. */
  private void write(String model, long minute, Open slot, long nowMillis) {
    if (slot.sequence < 0) {
      slot.sequence = absorbedThrough(model, minute) + 1;
      slot.firstSequence = slot.sequence;
    } else if (slot.chunk != null
        && nowMillis - slot.chunkStartedMillis >= CHUNK_SPAN.toMillis()) {
      slot.sequence++;
      slot.chunk = null;
    }
    if (slot.chunk == null) {
      slot.chunkStartedMillis = nowMillis;
    }
    slot.chunk = absorb(slot.chunk, slot.pending);
    slot.committed = absorb(slot.committed, slot.pending);
    deltas.put(MinuteStores.deltaKey(model, minute, slot.sequence), slot.chunk.toBytes());
    slot.lastWritten = slot.sequence;
  }

  /** The last delta of {@code model}'s {@code minute} its stored bucket absorbed; -1 for none. */
  private int absorbedThrough(String model, long minute) {
    byte[] stored = minutes.fetch(model, minute);
    return stored == null ? -1 : MinuteBucket.fromBytes(stored).absorbedThrough;
  }

  /** {@code into} with {@code part} added (in place when they count on one reference). */
  private static MinuteBucket absorb(MinuteBucket into, MinuteBucket part) {
    if (into == null) {
      MinuteBucket copy = new MinuteBucket();
      copy.referenceVersion = part.referenceVersion;
      copy.mergeFrom(part, true);
      return copy;
    }
    if (into.referenceVersion == part.referenceVersion) {
      into.mergeFrom(part, true);
      return into;
    }
    return MinuteStores.combine(List.of(into, part));
  }

  /**
   * Merges the minute into its stored bucket, then deletes its deltas: in this order, so a reader
   * in between finds the bucket and skips the deltas it absorbed.
   */
  private void close(String model, long minute, Open slot) {
    List<MinuteBucket> parts = slot.parts();
    if (!parts.isEmpty()) {
      int absorbed = slot.lastWritten;
      byte[] stored = minutes.fetch(model, minute);
      if (stored != null) {
        MinuteBucket before = MinuteBucket.fromBytes(stored);
        absorbed = Math.max(absorbed, before.absorbedThrough);
        parts.add(0, before);
      }
      MinuteBucket closed = MinuteStores.combine(parts);
      closed.absorbedThrough = absorbed;
      minutes.put(model, closed.toBytes(), minute);
    }
    for (int sequence = slot.firstSequence; sequence <= slot.lastWritten; sequence++) {
      deltas.delete(MinuteStores.deltaKey(model, minute, sequence));
    }
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
