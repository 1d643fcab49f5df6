package dev.modelmonitor.streams;

import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.topic.Topic;
import java.util.List;
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
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * A source stream that never stops on bad input: the topic is read as bytes and decoded in a
 * processor, so a record that cannot be deserialized or fails validation goes to the dead-letter
 * topic (with the reason and the original bytes) and is counted, and the stream goes on with the
 * next record. So does a record dated further ahead of the wall clock than its {@link
 * FutureLimit}, before it is decoded.
 *
 * <p>The decoding processor sends each record straight to one of its two children, the
 * dead-letter sink or the stream of values, rather than through a split and value mappers: every
 * event passed three more nodes that way, each copying the record's headers. {@link #process}
 * goes further for a hot path: one source reads several topics, and the decoder's values child is
 * the caller's own processor, with no pass-through or merge node between them.
 */
public final class DecodedStream {
  private DecodedStream() {}

  /**
   * A topic to decode, with a decoder per stream task (a decoder need not be thread-safe) and the
   * check a decoded value must pass. A decoder signals bad bytes with a {@link
   * dev.modelmonitor.serde.WireFormatException}, as the topic's own deserializer does.
   */
  public record Input<V>(Topic<?> topic, Supplier<? extends Deserializer<V>> decoders,
      RecordValidator<V> validator) {}

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
  public static <V> KStream<String, V> of(
      StreamsBuilder builder,
      PipelineContext context,
      Topic<?> topic,
      Supplier<? extends Deserializer<V>> decoders,
      String component,
      RecordValidator<V> validator,
      FutureLimit future) {
    String values = component + "-" + topic.name() + "-value";
    KStream<String, Object> decoded = decoded(builder, context,
        List.of(new Input<>(topic, decoders, validator)), component, future, values);
    return decoded.processValues(PassOn::new, Named.as(values));
  }

  /**
   * Reads all of {@code inputs}' topics with one source, decodes each record with its topic's
   * decoder and hands the valid values straight to {@code processor}, a node named {@code name}
   * connected to {@code stores}; everything else is dead-lettered. The topics must be
   * co-partitioned, as for a merge. Returns what {@code processor} forwards.
   *
   * @param component names the operators and tags the dead letters, e.g. {@code reports}
   * @param future how far ahead of the wall clock a record may be dated
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <V, KOut, VOut> KStream<KOut, VOut> process(
      StreamsBuilder builder,
      PipelineContext context,
      List<Input<? extends V>> inputs,
      String component,
      FutureLimit future,
      ProcessorSupplier<String, V, KOut, VOut> processor,
      String name,
      String... stores) {
    KStream<String, Object> decoded = decoded(builder, context, inputs, component, future, name);
    return decoded.process((ProcessorSupplier) processor, Named.as(name), stores);
  }

  /**
   * The decoding processor's stream, its dead letters already sent to the dead-letter topic; the
   * caller must add the node named {@code values} as its child.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <V> KStream<String, Object> decoded(StreamsBuilder builder,
      PipelineContext context, List<Input<? extends V>> inputs, String component,
      FutureLimit future, String values) {
    List<String> topics = inputs.stream().map(i -> i.topic().name()).toList();
    String base = component + "-" + String.join("-", topics);
    String deadLetters = base + "-dlq";
    KStream<String, Object> decoded =
        builder.stream(topics,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(base + "-source"))
            .process(
                () -> new DecodingProcessor<V>(inputs, component, future, context.meterRegistry(),
                    values, deadLetters),
                Named.as(base + "-decode"));
    Topic<DeadLetter> dlq = context.topics().dlq();
    decoded.to(dlq.name(),
        Produced.with(dlq.keySerde(), (Serde) dlq.valueSerde()).withName(deadLetters));
    return decoded;
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
