package dev.modelmonitor.streams;

import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.serde.WireFormatException;
import dev.modelmonitor.streams.DecodedStream.Decoded;
import dev.modelmonitor.topic.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Decodes key and value bytes; turns failures into dead letters and counts them by reason. */
final class DecodingProcessor<V> implements Processor<byte[], byte[], String, Decoded<V>> {
  /** Counter of dead letters, tagged with component, topic and reason. */
  static final String DLQ_METRIC = "modelmonitor.dlq.records";
  /** Counter of records decoded and passed on, tagged with component and topic. */
  static final String PROCESSED_METRIC = "modelmonitor.events.processed";

  private final Topic<V> topic;
  private final String component;
  private final RecordValidator<V> validator;
  private final MeterRegistry meters;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private ProcessorContext<String, Decoded<V>> context;
  private Counter processed;

  DecodingProcessor(
      Topic<V> topic, String component, RecordValidator<V> validator, MeterRegistry meters) {
    this.topic = topic;
    this.component = component;
    this.validator = validator;
    this.meters = meters;
  }

  @Override
  public void init(ProcessorContext<String, Decoded<V>> context) {
    this.context = context;
    this.processed =
        Counter.builder(PROCESSED_METRIC)
            .description("Records decoded, validated and processed")
            .tag("component", component)
            .tag("topic", topic.name())
            .register(meters);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String key =
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    V value;
    try {
      value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
    } catch (WireFormatException e) {
      deadLetter(record, key, "DESERIALIZATION", e.reason() + ": " + e.getMessage());
      return;
    }
    if (value == null) {
      // A tombstone carries no event; compacted topics are read elsewhere as tables.
      deadLetter(record, key, "VALIDATION", "null value (tombstone) on an event topic");
      return;
    }
    String problem = validator.problem(key, value);
    if (problem != null) {
      deadLetter(record, key, "VALIDATION", problem);
      return;
    }
    processed.increment();
    // One new record, not two (withKey and withValue each copy the headers): this runs per event.
    context.forward(new Record<>(key, new Decoded<>(value, null), record.timestamp(),
        record.headers()));
  }

  private void deadLetter(Record<byte[], byte[]> record, String key, String reason, String message) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    Map<String, String> headers = new HashMap<>();
    for (Header header : record.headers()) {
      if (header.value() != null) {
        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setSourceTopic(source == null ? topic.name() : source.topic())
            .setSourcePartition(source == null ? -1 : source.partition())
            .setSourceOffset(source == null ? -1 : source.offset())
            .setSourceTimestamp(Instant.ofEpochMilli(record.timestamp()))
            .setReason(reason)
            .setMessage(message)
            .setComponent(component)
            .setFailedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
            .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
            .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
            .setHeaders(headers)
            .build();
    counters
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder(DLQ_METRIC)
                    .description("Records sent to the dead-letter topic")
                    .tag("component", component)
                    .tag("topic", topic.name())
                    .tag("reason", r)
                    .register(meters))
        .increment();
    context.forward(
        new Record<String, Decoded<V>>(
            key, new Decoded<>(null, letter), record.timestamp(), record.headers()));
  }
}
