package dev.modelmonitor.streams;

import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.serde.WireFormatException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes key and value bytes; turns failures into dead letters and counts them by reason. Values
 * go to the child named {@code values}, dead letters to the child named {@code deadLetters}.
 * Records dated beyond the {@link FutureLimit} are dead-lettered before they are decoded. Reads
 * one or more topics, each with its own decoder and validator ({@link DecodedStream.Input}).
 */
final class DecodingProcessor<V> implements Processor<byte[], byte[], String, Object> {
  /** Counter of dead letters, tagged with component, topic and reason. */
  static final String DLQ_METRIC = "modelmonitor.dlq.records";
  /** Counter of records decoded and passed on, tagged with component and topic. */
  static final String PROCESSED_METRIC = "modelmonitor.events.processed";

  private final String component;
  private final FutureLimit future;
  private final long futureToleranceMs;
  private final String values;
  private final String deadLetters;
  /** One per input, in order; found by topic name when there are several. */
  private final List<Source<? extends V>> sources = new ArrayList<>();
  private ProcessorContext<String, Object> context;

  DecodingProcessor(List<DecodedStream.Input<? extends V>> inputs, String component,
      FutureLimit future, MeterRegistry meters, String values, String deadLetters) {
    this.future = future;
    this.futureToleranceMs = future.toleranceMs();
    this.values = values;
    this.deadLetters = deadLetters;
    this.component = component;
    for (DecodedStream.Input<? extends V> input : inputs) {
      sources.add(new Source<>(input, component, meters));
    }
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    Source<? extends V> source = sources.size() == 1 ? sources.get(0) : sourceOf();
    decode(source, record);
  }

  private Source<? extends V> sourceOf() {
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
    for (Source<? extends V> source : sources) {
      if (source.topic.equals(topic)) {
        return source;
      }
    }
    throw new IllegalStateException("a record from topic " + topic + ", which this processor "
        + "does not read");
  }

  private <T extends V> void decode(Source<T> source, Record<byte[], byte[]> record) {
    String key =
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    long wall = context.currentSystemTimeMs();
    if (record.timestamp() - wall > futureToleranceMs) {
      deadLetter(source, record, key, "FUTURE", future.problem(record.timestamp(), wall));
      return;
    }
    T value;
    try {
      value = source.decoder.deserialize(source.topic, record.value());
    } catch (WireFormatException e) {
      deadLetter(source, record, key, "DESERIALIZATION", e.reason() + ": " + e.getMessage());
      return;
    }
    if (value == null) {
      // A tombstone carries no event; compacted topics are read elsewhere as tables.
      deadLetter(source, record, key, "VALIDATION", "null value (tombstone) on an event topic");
      return;
    }
    String problem = source.validator.problem(key, value);
    if (problem != null) {
      deadLetter(source, record, key, "VALIDATION", problem);
      return;
    }
    source.processed.increment();
    // One new record, not two (withKey and withValue each copy the headers): this runs per event.
    // Empty headers are not copied either: a copy of none still costs an array copy per event.
    Headers headers = record.headers();
    context.forward(headers.toArray().length == 0
        ? new Record<>(key, value, record.timestamp())
        : new Record<>(key, value, record.timestamp(), headers), values);
  }

  /** One input topic: its decoder, validator and counters. */
  private static final class Source<V> {
    private final String topic;
    private final Deserializer<V> decoder;
    private final RecordValidator<V> validator;
    private final String component;
    private final MeterRegistry meters;
    private final Counter processed;
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();

    Source(DecodedStream.Input<V> input, String component, MeterRegistry meters) {
      this.topic = input.topic().name();
      this.decoder = input.decoders().get();
      this.validator = input.validator();
      this.component = component;
      this.meters = meters;
      this.processed =
          Counter.builder(PROCESSED_METRIC)
              .description("Records decoded, validated and processed")
              .tag("component", component)
              .tag("topic", topic)
              .register(meters);
    }

    Counter deadLettered(String reason) {
      return deadLettered.computeIfAbsent(
          reason,
          r ->
              Counter.builder(DLQ_METRIC)
                  .description("Records sent to the dead-letter topic")
                  .tag("component", component)
                  .tag("topic", topic)
                  .tag("reason", r)
                  .register(meters));
    }
  }

  private void deadLetter(Source<?> source, Record<byte[], byte[]> record, String key,
      String reason, String message) {
    RecordMetadata metadata = context.recordMetadata().orElse(null);
    Map<String, String> headers = new HashMap<>();
    for (Header header : record.headers()) {
      if (header.value() != null) {
        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setSourceTopic(metadata == null ? source.topic : metadata.topic())
            .setSourcePartition(metadata == null ? -1 : metadata.partition())
            .setSourceOffset(metadata == null ? -1 : metadata.offset())
            .setSourceTimestamp(Instant.ofEpochMilli(record.timestamp()))
            .setReason(reason)
            .setMessage(message)
            .setComponent(component)
            .setFailedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
            .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
            .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
            .setHeaders(headers)
            .build();
    source.deadLettered(reason).increment();
    context.forward(new Record<>(key, letter, record.timestamp(), record.headers()),
        deadLetters);
  }
}
