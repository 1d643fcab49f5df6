package dev.modelmonitor.reports;

import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.topic.Topic;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global {@link ReportStores#REFERENCES} store: the latest valid reference per model as
 * its topic bytes, deleted by a tombstone. A record that does not decode, or whose modelId is not
 * its key, is refused (counted and logged) and the previous reference stays in force. The
 * reference topic is compacted and written by {@code reference publish}, which validates first,
 * so refusals are rare; a global store cannot forward, so they do not reach the dead-letter topic.
 */
final class ReferenceStoreUpdater implements Processor<String, byte[], Void, Void> {
  private static final Logger log = LoggerFactory.getLogger(ReferenceStoreUpdater.class);

  private final Topic<ReferenceProfile> topic;
  private final Counter refused;
  private final AtomicLong writes;
  private KeyValueStore<String, byte[]> store;

  /** @param writes incremented after every write to the store, for {@link References} */
  ReferenceStoreUpdater(Topic<ReferenceProfile> topic, Counter refused, AtomicLong writes) {
    this.topic = topic;
    this.refused = refused;
    this.writes = writes;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(ReportStores.REFERENCES);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      refuse(null, "no key (the key must be the modelId)");
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
      writes.incrementAndGet();
      return;
    }
    try {
      ReferenceProfile reference =
          topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
      if (!record.key().equals(reference.getModelId())) {
        refuse(record.key(), "key is not the modelId '" + reference.getModelId() + "'");
        return;
      }
      ModelReference.of(reference);
    } catch (RuntimeException e) {
      refuse(record.key(), e.getMessage());
      return;
    }
    store.put(record.key(), record.value());
    writes.incrementAndGet();
  }

  private void refuse(String key, String why) {
    refused.increment();
    log.warn("ignoring the reference record for model {} on {}: {}; the previous reference stays "
        + "in force", key == null ? "(none)" : key, topic.name(), why);
  }
}
