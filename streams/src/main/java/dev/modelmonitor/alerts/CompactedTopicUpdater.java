package dev.modelmonitor.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store in step with a compacted topic (rules, references): a record whose value
 * is valid replaces the key's entry, a tombstone deletes it, and a record that is not valid is
 * refused — counted in {@value #REFUSED_METRIC} and logged with its offset — so the key's
 * previous entry stays in force. The refused record stays in the compacted topic (nothing is
 * lost); the CLI refuses invalid rules before publishing them.
 */
final class CompactedTopicUpdater implements Processor<String, byte[], Void, Void> {
  static final String REFUSED_METRIC = "modelmonitor.alerts.refused.records";
  private static final Logger log = LoggerFactory.getLogger(CompactedTopicUpdater.class);

  /** Says why a record is not valid, or null when it is. */
  @FunctionalInterface
  interface Check {
    String problem(String key, byte[] value);
  }

  private final String storeName;
  private final Check check;
  private final Counter refused;
  private KeyValueStore<String, byte[]> store;
  private ProcessorContext<Void, Void> context;

  CompactedTopicUpdater(String storeName, String topic, Check check, MeterRegistry meters) {
    this.storeName = storeName;
    this.check = check;
    this.refused =
        Counter.builder(REFUSED_METRIC)
            .description("Records of a compacted topic refused by the alerts topology (previous entry kept)")
            .tag("topic", topic)
            .register(meters);
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String key = record.key();
    if (key != null && record.value() == null) {
      store.delete(key);
      return;
    }
    String problem = key == null ? "record without a key" : check.problem(key, record.value());
    if (problem != null) {
      refused.increment();
      String where = context.recordMetadata()
          .map(md -> md.topic() + "/" + md.partition() + "@" + md.offset())
          .orElse("?");
      log.warn("refused {} ({}); the previous entry for this key stays in force", where, problem);
      return;
    }
    store.put(key, record.value());
  }
}
