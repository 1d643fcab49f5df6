package dev.modelmonitor.reports;

import dev.modelmonitor.checks.CommitHook;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The state stores of the reports topology: their names (stable across upgrades, since the
 * changelog topics are named after them) and how they are built. Every store is bounded: window
 * state lives until the window's report is emitted, join state for its retention only.
 */
public final class ReportStores {
  /**
   * Global store of the reference in force per model: modelId to the {@code ReferenceProfile} as
   * it is on the reference topic (Confluent wire format).
   */
  public static final String REFERENCES = "reports-references";

  /**
   * Open model-windows: a header (counts, latency, error types, performance, the journal position)
   * and one entry per feature profile, as bytes; deleted when the window's report is emitted.
   */
  public static final String WINDOWS = "reports-windows";

  /**
   * Per open model-window, the events since its profiles were last written whole: one record per
   * commit holding that commit's events.
   */
  public static final String JOURNAL = "reports-journal";

  /**
   * The task's prediction time and label time (the largest prediction and label timestamps it
   * has processed), as of its last commit; see {@code InputTime}.
   */
  public static final String CLOCK = "reports-clock";

  /** No data: runs the processor's journaling right before each commit. */
  static final String COMMIT_HOOK = "reports-commit-hook";

  /**
   * Predictions waiting for their label, by model and requestId, until the earlier of prediction
   * time and label time has passed them by {@code window + grace + labels.max-delay}; see {@code
   * JoinBuffer}.
   */
  public static final String PENDING_PREDICTIONS = "reports-join-predictions";

  /**
   * Labels that arrived before their prediction, by model and requestId, until the prediction
   * time has passed them by {@code window + grace + labels.max-delay}; see {@code JoinBuffer}.
   */
  public static final String PENDING_LABELS = "reports-join-labels";

  /** Models that have sent labels, whose predictions are kept for the join. */
  public static final String LABELED_MODELS = "reports-labeled-models";

  /**
   * The latest report per model emitted by this instance's tasks: modelId to {@code ModelReport};
   * queryable ({@link ReportsTopology#latestReports}).
   */
  public static final String LATEST = "reports-latest";

  private ReportStores() {}

  static StoreBuilder<KeyValueStore<String, byte[]>> references() {
    // A global store is restored from its source topic itself: no changelog.
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(REFERENCES), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled();
  }

  static StoreBuilder<KeyValueStore<Bytes, byte[]>> windows() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(WINDOWS), Serdes.Bytes(), Serdes.ByteArray())
        .withCachingEnabled();
  }

  static StoreBuilder<KeyValueStore<Bytes, byte[]>> journal() {
    // No record cache: the commit hook writes here while the task flushes its caches, and every
    // key is written once per commit anyway.
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(JOURNAL), Serdes.Bytes(), Serdes.ByteArray())
        .withCachingDisabled();
  }

  static StoreBuilder<KeyValueStore<Bytes, byte[]>> clock() {
    // No record cache, as the journal: the commit hook writes it.
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CLOCK), Serdes.Bytes(), Serdes.ByteArray())
        .withCachingDisabled();
  }

  static StoreBuilder<CommitHook> commitHook() {
    return CommitHook.builder(COMMIT_HOOK);
  }

  static StoreBuilder<KeyValueStore<Bytes, byte[]>> pendingPredictions() {
    return pending(PENDING_PREDICTIONS);
  }

  static StoreBuilder<KeyValueStore<Bytes, byte[]>> pendingLabels() {
    return pending(PENDING_LABELS);
  }

  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> pending(String name) {
    // No record cache: most entries are deleted soon after they are written (when the other
    // side arrives), and a waiting entry is read back at most once.
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray());
  }

  static StoreBuilder<KeyValueStore<String, Long>> labeledModels() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(LABELED_MODELS), Serdes.String(), Serdes.Long())
        .withCachingEnabled();
  }

  static StoreBuilder<KeyValueStore<String, ModelReport>> latest(Topics topics) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(LATEST), Serdes.String(), topics.reports().valueSerde());
  }
}
