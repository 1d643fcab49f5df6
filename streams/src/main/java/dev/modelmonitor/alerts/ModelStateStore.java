package dev.modelmonitor.alerts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps model states in the {@link AlertStores#MODEL_STATE} store: per model a head ({@code
 * <model>\0h}) and one entry per bucket ({@code <model>\0b<width><start>}, hex). A checkpoint
 * writes the heads of changed models and only the buckets that changed, and deletes the buckets
 * that fell out of their ring, so the write volume follows the event rate, not the state size.
 */
final class ModelStateStore {
  private static final Logger log = LoggerFactory.getLogger(ModelStateStore.class);
  private static final char SEPARATOR = '\u0000';
  private static final int BUCKET_SUFFIX = 2 + 32;
  /** The wall-clock time of the task's latest checkpoint: how long it was away, after a restart. */
  static final String ALIVE_KEY = SEPARATOR + "alive";

  private final KeyValueStore<String, byte[]> store;
  private final DriftMeter drift;

  ModelStateStore(KeyValueStore<String, byte[]> store, DriftMeter drift) {
    this.store = store;
    this.drift = drift;
  }

  static String headKey(String modelId) {
    return modelId + SEPARATOR + "h";
  }

  static String bucketKey(String modelId, long width, long start) {
    StringBuilder key = new StringBuilder(modelId.length() + BUCKET_SUFFIX + 1).append(modelId).append(SEPARATOR).append('b');
    hex(key, width);
    hex(key, start);
    return key.toString();
  }

  private static void hex(StringBuilder out, long v) {
    String digits = Long.toHexString(v);
    for (int i = digits.length(); i < 16; i++) {
      out.append('0');
    }
    out.append(digits);
  }

  /** Every stored model, with its buckets back in their rings. */
  Map<String, ModelState> loadAll() {
    Map<String, ModelState> models = new LinkedHashMap<>();
    Map<String, List<KeyValue<String, byte[]>>> buckets = new HashMap<>();
    List<String> unreadable = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        if (kv.key.equals(ALIVE_KEY)) {
          continue;
        }
        int sep = kv.key.lastIndexOf(SEPARATOR);
        String suffix = sep < 0 ? "" : kv.key.substring(sep + 1);
        if (suffix.equals("h")) {
          try {
            ModelState m = ModelState.fromBytes(kv.value);
            models.put(m.modelId, m);
          } catch (IOException | RuntimeException e) {
            log.warn("alert state of {} unreadable ({}); starting it afresh", kv.key.substring(0, sep), e.getMessage());
            unreadable.add(kv.key);
          }
        } else if (suffix.length() == BUCKET_SUFFIX - 1 && suffix.charAt(0) == 'b') {
          buckets.computeIfAbsent(kv.key.substring(0, sep), k -> new ArrayList<>()).add(kv);
        } else {
          unreadable.add(kv.key);
        }
      }
    }
    buckets.forEach((modelId, entries) -> {
      ModelState m = models.get(modelId);
      for (KeyValue<String, byte[]> kv : entries) {
        String suffix = kv.key.substring(kv.key.length() - 32);
        long width = Long.parseUnsignedLong(suffix.substring(0, 16), 16);
        WindowRing ring = m == null ? null : m.rings.get(width);
        if (ring == null) {
          unreadable.add(kv.key);
          continue;
        }
        try {
          ring.put(Bucket.fromBytes(kv.value, drift));
        } catch (IOException | RuntimeException e) {
          unreadable.add(kv.key);
        }
      }
    });
    unreadable.forEach(store::delete);
    for (ModelState m : models.values()) {
      m.rings.values().forEach(r -> deleteEvicted(m.modelId, r));
    }
    return models;
  }

  /** When this task last checkpointed (wall clock), or -1. */
  long lastAlive() {
    byte[] v = store.get(ALIVE_KEY);
    return v == null || v.length != Long.BYTES ? -1 : java.nio.ByteBuffer.wrap(v).getLong();
  }

  void markAlive(long wall) {
    store.put(ALIVE_KEY, java.nio.ByteBuffer.allocate(Long.BYTES).putLong(wall).array());
  }

  /** Writes the head only: what an alert transition changes. */
  void saveHead(ModelState m) {
    store.put(headKey(m.modelId), m.toBytes());
    m.dirty = false;
  }

  /** Writes what changed since the last checkpoint. */
  void checkpoint(ModelState m) {
    if (m.dirty) {
      saveHead(m);
    }
    for (WindowRing ring : m.rings.values()) {
      deleteEvicted(m.modelId, ring);
      ring.forEachBucket(b -> {
        if (b.dirty) {
          store.put(bucketKey(m.modelId, ring.width, b.start), b.toBytes());
          b.dirty = false;
        }
      });
    }
    for (WindowRing ring : m.droppedRings) {
      deleteRing(m.modelId, ring);
    }
    m.droppedRings.clear();
  }

  /** Deletes everything stored of {@code m}. */
  void delete(ModelState m) {
    store.delete(headKey(m.modelId));
    for (WindowRing ring : m.rings.values()) {
      deleteRing(m.modelId, ring);
    }
    for (WindowRing ring : m.droppedRings) {
      deleteRing(m.modelId, ring);
    }
  }

  private void deleteRing(String modelId, WindowRing ring) {
    deleteEvicted(modelId, ring);
    ring.forEachBucket(b -> store.delete(bucketKey(modelId, ring.width, b.start)));
  }

  private void deleteEvicted(String modelId, WindowRing ring) {
    for (long start : ring.evicted) {
      store.delete(bucketKey(modelId, ring.width, start));
    }
    ring.evicted.clear();
  }
}
