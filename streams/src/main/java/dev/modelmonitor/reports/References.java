package dev.modelmonitor.reports;

import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.topic.Topic;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The references in force, read from the global {@link ReportStores#REFERENCES} store and kept
 * decoded per model until the stored bytes change. Asked per event (whether a model joins
 * labels), so while no reference was written since a model's entry was read ({@code writes}
 * unchanged), the entry is answered without reading the store.
 */
final class References {
  private static final int CACHED = 1024;

  private final ReadOnlyKeyValueStore<String, byte[]> store;
  private final Topic<ReferenceProfile> topic;
  private final AtomicLong writes;
  private final Map<String, Read> decoded = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Read> eldest) {
      return size() > CACHED;
    }
  };

  /** A model's reference: decoded, or the problem that kept it from being decoded. */
  record Entry(byte[] bytes, ModelReference reference, String problem) {}

  /** An entry and the count of reference writes before it was read. */
  private record Read(Entry entry, long writes) {}

  /**
   * @param writes counts the writes to {@code store}; incremented after each write ({@link
   *     ReferenceStoreUpdater})
   */
  References(ReadOnlyKeyValueStore<String, byte[]> store, Topic<ReferenceProfile> topic,
      AtomicLong writes) {
    this.store = store;
    this.topic = topic;
    this.writes = writes;
  }

  /** The model's reference in force; an entry with neither reference nor problem when none. */
  Entry get(String modelId) {
    // Read before the store: a write after this read makes the entry stale at the next call.
    long writesBefore = writes.get();
    Read cached = decoded.get(modelId);
    if (cached != null && cached.writes() == writesBefore) {
      return cached.entry();
    }
    Entry entry = read(modelId, cached == null ? null : cached.entry());
    decoded.put(modelId, new Read(entry, writesBefore));
    return entry;
  }

  private Entry read(String modelId, Entry cached) {
    byte[] bytes = store.get(modelId);
    if (bytes == null) {
      return new Entry(null, null, null);
    }
    if (cached != null && Arrays.equals(cached.bytes(), bytes)) {
      return cached;
    }
    Entry entry;
    try {
      ReferenceProfile avro = topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
      entry = new Entry(bytes, ModelReference.of(avro), null);
    } catch (RuntimeException e) {
      entry = new Entry(bytes, null, "the reference on " + topic.name()
          + " cannot be read (" + e.getMessage() + "); publish it again");
    }
    return entry;
  }

  /** The model's decoded reference, or null. */
  ModelReference reference(String modelId) {
    return get(modelId).reference();
  }
}
