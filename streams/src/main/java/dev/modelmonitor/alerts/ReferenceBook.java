package dev.modelmonitor.alerts;

import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.topic.Topic;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference profile in force per model, prepared for drift comparisons: read from the global
 * reference store when a model is first seen, and checked for a new version each evaluation
 * interval.
 */
final class ReferenceBook {
  private static final Logger log = LoggerFactory.getLogger(ReferenceBook.class);

  private record Entry(byte[] raw, DriftMeter.Reference reference) {}

  private static final Entry NONE = new Entry(null, null);

  private final Topic<ReferenceProfile> topic;
  private final DriftMeter drift;
  private final Map<String, Entry> entries = new HashMap<>();

  ReferenceBook(Topic<ReferenceProfile> topic, DriftMeter drift) {
    this.topic = topic;
    this.drift = drift;
  }

  /** The reference of {@code modelId}, or null when it has none. */
  DriftMeter.Reference get(String modelId, ReadOnlyKeyValueStore<String, byte[]> store) {
    Entry e = entries.get(modelId);
    if (e == null) {
      e = load(modelId, store.get(modelId));
      entries.put(modelId, e);
    }
    return e.reference;
  }

  /** Re-reads {@code modelId}'s reference; true when it changed. */
  boolean refresh(String modelId, ReadOnlyKeyValueStore<String, byte[]> store) {
    byte[] raw = store.get(modelId);
    Entry old = entries.get(modelId);
    if (old != null && (old.raw == raw || Arrays.equals(old.raw, raw))) {
      return false;
    }
    entries.put(modelId, load(modelId, raw));
    return old != null;
  }

  void forget(String modelId) {
    entries.remove(modelId);
  }

  private Entry load(String modelId, byte[] raw) {
    if (raw == null) {
      return NONE;
    }
    try {
      ReferenceProfile profile = topic.valueSerde().deserializer().deserialize(topic.name(), raw);
      return new Entry(raw, drift.prepare(profile));
    } catch (RuntimeException e) {
      log.warn("reference of {} cannot be used for drift ({}); drift metrics have no data", modelId, e.getMessage());
      return new Entry(raw, null);
    }
  }
}
