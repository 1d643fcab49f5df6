package dev.modelmonitor.checks;

import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The checks' two minute stores in memory, without a topology, for tests that drive {@link
 * OpenMinutes} directly and read as answers do: the moments between a close's writes are then
 * easy to stage.
 */
final class InMemoryMinutes {
  final KeyValueStore<String, byte[]> deltas;
  final WindowStore<String, byte[]> minutes;

  InMemoryMinutes() {
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    deltas = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("deltas"),
        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
    deltas.init(context.getStateStoreContext(), deltas);
    minutes = Stores.windowStoreBuilder(Stores.inMemoryWindowStore("minutes",
            Duration.ofHours(2), Duration.ofMinutes(1), false),
        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
    minutes.init(context.getStateStoreContext(), minutes);
  }

  /** {@code times} predictions of {@code model} at {@code at}, the first an ERROR, pending. */
  static void predict(OpenMinutes open, String model, long at, int times) {
    for (int i = 0; i < times; i++) {
      open.pending(model, MinuteStores.floorMinute(at), MinuteBucket::new)
          .addPrediction(PredictionEvent.newBuilder().setModelId(model)
              .setTimestamp(Instant.ofEpochMilli(at)).setRequestId("r" + i)
              .setFeatures(Map.of()).setOutcome(i == 0 ? Outcome.ERROR : Outcome.OK).build(),
              10, 200);
    }
  }

  /** The open minutes of a task starting on these stores (before its {@code recover()}). */
  OpenMinutes newOpenMinutes() {
    return new OpenMinutes(minutes, deltas);
  }

  /** The minute stores as answers read them (no status or references). */
  ChecksStores stores() {
    return new ChecksStores(null, null, minutes, deltas);
  }

  /** The deltas as stored now, by key, to put back (see {@link #deletesNotYetDone}). */
  Map<String, byte[]> deltaEntries() {
    Map<String, byte[]> entries = new TreeMap<>();
    try (KeyValueIterator<String, byte[]> all = deltas.all()) {
      all.forEachRemaining(kv -> entries.put(kv.key, kv.value));
    }
    return entries;
  }

  /**
   * Puts back the deltas a close deleted: the stores as a reader on another thread sees them
   * between the close's two writes (its bucket written, its deltas not yet deleted), or as a
   * restart finds them when the deletes did not reach the changelog.
   */
  void deletesNotYetDone(Map<String, byte[]> beforeTheClose) {
    beforeTheClose.forEach(deltas::put);
  }

  /** The close's deletes, done at last. */
  void deletesDone(Map<String, byte[]> beforeTheClose) {
    beforeTheClose.keySet().forEach(deltas::delete);
  }

  /** The stored bucket of {@code model}'s {@code minute}. */
  MinuteBucket stored(String model, long minute) {
    return MinuteBucket.fromBytes(minutes.fetch(model, minute));
  }
}
