package dev.modelmonitor.streams;

import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.topic.Topic;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * A source stream that never stops on bad input: the topic is read as bytes and decoded in a
 * processor, so a record that cannot be deserialized or fails validation goes to the dead-letter
 * topic (with the reason and the original bytes) and is counted, and the stream goes on with the
 * next record. So does a record dated further ahead of the wall clock than its {@link
 * FutureLimit}, before it is decoded.
 *
 * <p>The decoding processor sends each record straight to one of its two children, the
 * dead-letter sink or the stream of values, rather than through a split and value mappers: every
 * event passed three more nodes that way, each copying the record's headers.
 */
public final class DecodedStream {
  private DecodedStream() {}

  /**
   * The decoded, valid values of {@code topic}; everything else is dead-lettered.
   *
   * @param component names the operators and tags the dead letters, e.g. {@code alerts}
   * @param future how far ahead of the wall clock a record may be dated
   */
  public static <V> KStream<String, V> of(
      StreamsBuilder builder,
      PipelineContext context,
      Topic<V> topic,
      String component,
      RecordValidator<V> validator,
      FutureLimit future) {
    return of(builder, context, topic, () -> topic.valueSerde().deserializer(), component,
        validator, future);
  }

  /**
   * The values of {@code topic} as {@code decoders} read them (each stream task gets its own
   * decoder); everything else is dead-lettered. A decoder signals bad bytes with a {@link
   * dev.modelmonitor.serde.WireFormatException}, as the topic's own deserializer does.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <V> KStream<String, V> of(
      StreamsBuilder builder,
      PipelineContext context,
      Topic<?> topic,
      Supplier<? extends Deserializer<V>> decoders,
      String component,
      RecordValidator<V> validator,
      FutureLimit future) {
    String base = component + "-" + topic.name();
    String values = base + "-value";
    String deadLetters = base + "-dlq";
    KStream<String, Object> decoded =
        builder.stream(
                topic.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(base + "-source"))
            .process(
                () -> new DecodingProcessor<>(topic.name(), decoders.get(), component, validator,
                    future, context.meterRegistry(), values, deadLetters),
                Named.as(base + "-decode"));

    Topic<DeadLetter> dlq = context.topics().dlq();
    decoded.to(dlq.name(),
        Produced.with(dlq.keySerde(), (Serde) dlq.valueSerde()).withName(deadLetters));
    return decoded.processValues(PassOn::new, Named.as(values));
  }

  /** The decoded values, passed on as they are (the child the decoder sends them to). */
  private static final class PassOn<V> implements FixedKeyProcessor<String, Object, V> {
    private FixedKeyProcessorContext<String, V> context;

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
      this.context = context;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(FixedKeyRecord<String, Object> record) {
      context.forward((FixedKeyRecord<String, V>) (FixedKeyRecord<String, ?>) record);
    }
  }
}
