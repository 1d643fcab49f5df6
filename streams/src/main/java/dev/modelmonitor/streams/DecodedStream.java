package dev.modelmonitor.streams;

import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.topic.Topic;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A source stream that never stops on bad input: the topic is read as bytes and decoded in a
 * processor, so a record that cannot be deserialized or fails validation goes to the dead-letter
 * topic (with the reason and the original bytes) and is counted, and the stream goes on with the
 * next record.
 */
public final class DecodedStream {
  private DecodedStream() {}

  /**
   * The decoded, valid values of {@code topic}; everything else is dead-lettered.
   *
   * @param component names the operators and tags the dead letters, e.g. {@code alerts}
   */
  public static <V> KStream<String, V> of(
      StreamsBuilder builder,
      PipelineContext context,
      Topic<V> topic,
      String component,
      RecordValidator<V> validator) {
    String base = component + "-" + topic.name();
    Map<String, KStream<String, Decoded<V>>> branches =
        builder.stream(
                topic.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(base + "-source"))
            .process(
                () -> new DecodingProcessor<>(topic, component, validator, context.meterRegistry()),
                Named.as(base + "-decode"))
            .split(Named.as(base + "-"))
            .branch((key, decoded) -> decoded.deadLetter() != null, Branched.as("dead"))
            .defaultBranch(Branched.as("valid"));

    Topic<DeadLetter> dlq = context.topics().dlq();
    branches
        .get(base + "-dead")
        .mapValues(Decoded::deadLetter, Named.as(base + "-dead-letter"))
        .to(dlq.name(), Produced.with(dlq.keySerde(), dlq.valueSerde()).withName(base + "-dlq"));
    return branches.get(base + "-valid").mapValues(Decoded::value, Named.as(base + "-value"));
  }

  /** Either a decoded value or the dead letter that replaces it. */
  record Decoded<V>(V value, DeadLetter deadLetter) {}
}
