package dev.modelmonitor.reports;

import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.topic.Topic;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The references in force, read from the global {@link ReportStores#REFERENCES} store and kept
 * decoded per model until the stored bytes change. Read when a window opens, is read back, or
 * reports, never per event.
 */
final class References {
  private static final int CACHED = 1024;

  private final ReadOnlyKeyValueStore<String, byte[]> store;
  private final Topic<ReferenceProfile> topic;
  private final Map<String, Entry> decoded = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > CACHED;
    }
  };

  /** A model's reference: decoded, or the problem that kept it from being decoded. */
  record Entry(byte[] bytes, ModelReference reference, String problem) {}

  References(ReadOnlyKeyValueStore<String, byte[]> store, Topic<ReferenceProfile> topic) {
    this.store = store;
    this.topic = topic;
  }

  /** The model's reference in force; an entry with neither reference nor problem when none. */
  Entry get(String modelId) {
    byte[] bytes = store.get(modelId);
    if (bytes == null) {
      decoded.remove(modelId);
      return new Entry(null, null, null);
    }
    Entry cached = decoded.get(modelId);
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
    decoded.put(modelId, entry);
    return entry;
  }

  /** The model's decoded reference, or null. */
  ModelReference reference(String modelId) {
    return get(modelId).reference();
  }
}
