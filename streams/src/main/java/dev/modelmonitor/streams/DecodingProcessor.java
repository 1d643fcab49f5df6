package dev.modelmonitor.streams;

import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.serde.WireFormatException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes key and value bytes; turns failures into dead letters and counts them by reason. Values
 * go to the child named {@code values}, dead letters to the child named {@code deadLetters}.
 * Records dated beyond the {@link FutureLimit} are dead-lettered before they are decoded.
 */
final class DecodingProcessor<V> implements Processor<byte[], byte[], String, Object> {
  /** Counter of dead letters, tagged with component, topic and reason. */
  static final String DLQ_METRIC = "modelmonitor.dlq.records";
  /** Counter of records decoded and passed on, tagged with component and topic. */
  static final String PROCESSED_METRIC = "modelmonitor.events.processed";

  private final String topic;
  private final Deserializer<V> decoder;
  private final String component;
  private final RecordValidator<V> validator;
  private final FutureLimit future;
  private final long futureToleranceMs;
  private final MeterRegistry meters;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final String values;
  private final String deadLetters;
  private ProcessorContext<String, Object> context;
  private Counter processed;

  DecodingProcessor(String topic, Deserializer<V> decoder, String component,
      RecordValidator<V> validator, FutureLimit future, MeterRegistry meters, String values,
      String deadLetters) {
    this.future = future;
    this.futureToleranceMs = future.toleranceMs();
    this.values = values;
    this.deadLetters = deadLetters;
    this.topic = topic;
    this.decoder = decoder;
    this.component = component;
    this.validator = validator;
    this.meters = meters;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.processed =
        Counter.builder(PROCESSED_METRIC)
            .description("Records decoded, validated and processed")
            .tag("component", component)
            .tag("topic", topic)
            .register(meters);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String key =
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    long wall = context.currentSystemTimeMs();
    if (record.timestamp() - wall > futureToleranceMs) {
      deadLetter(record, key, "FUTURE", future.problem(record.timestamp(), wall));
      return;
    }
    V value;
    try {
      value = decoder.deserialize(topic, record.value());
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
    context.forward(new Record<>(key, value, record.timestamp(), record.headers()), values);
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
            .setSourceTopic(source == null ? topic : source.topic())
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
                    .tag("topic", topic)
                    .tag("reason", r)
                    .register(meters))
        .increment();
    context.forward(new Record<>(key, letter, record.timestamp(), record.headers()),
        deadLetters);
  }
}
