package dev.modelmonitor.alerts;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The state stores of the alerts topology, named in one place so upgrades keep their state and
 * interactive queries can find them. Keys are UTF-8 strings, values bytes.
 */
public final class AlertStores {
  /** Rules in force by rule id: a global, in-memory copy of the compacted rules topic (valid rules only). */
  public static final String RULES = "alerts-rules";
  /** Reference profiles in force by model id: a global, in-memory copy of the reference topic. */
  public static final String REFERENCES = "alerts-references";
  /** Per-model state (windows, detectors, alert episodes) by model id; persistent, changelogged. */
  public static final String MODEL_STATE = "alerts-model-state";

  private AlertStores() {}

  static StoreBuilder<KeyValueStore<String, byte[]>> rules() {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RULES), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled();
  }

  static StoreBuilder<KeyValueStore<String, byte[]>> references() {
    return Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(REFERENCES), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled();
  }

  static StoreBuilder<KeyValueStore<String, byte[]>> modelState() {
    // No cache: the processor keeps its own working copy and writes at checkpoints.
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(MODEL_STATE), Serdes.String(), Serdes.ByteArray())
        .withCachingDisabled();
  }
}
