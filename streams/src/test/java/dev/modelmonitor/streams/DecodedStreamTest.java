package dev.modelmonitor.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.registry.InMemorySchemaRegistryClient;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.StateEvent;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DecodedStreamTest {
  private final Topics topics = new Topics(TopicNames.defaults(), new InMemorySchemaRegistryClient());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final PipelineContext context = new PipelineContext(topics, meters, Clock.systemUTC());
  private static final Instant WALL = Instant.parse("2026-11-28T10:00:00Z");
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> in;
  private TestOutputTopic<String, StateEvent> out;
  private TestOutputTopic<String, DeadLetter> dlq;

  @AfterEach
  void close() {
    driver.close();
  }

  /** Decodes the state topic to "out" with {@code validator} and {@code future}. */
  private void start(RecordValidator<StateEvent> validator, FutureLimit future) {
    StreamsBuilder builder = new StreamsBuilder();
    DecodedStream.of(builder, context, topics.state(), "test", validator, future)
        .to("out", org.apache.kafka.streams.kstream.Produced.with(Serdes.String(), topics.state().valueSerde()));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "decoded-stream-test");
    driver = new TopologyTestDriver(builder.build(), props, WALL);
    in = driver.createInputTopic("mm.state", Serdes.String().serializer(), Serdes.ByteArray().serializer());
    out = driver.createOutputTopic("out", Serdes.String().deserializer(), topics.state().valueSerde().deserializer());
    dlq = driver.createOutputTopic("mm.dlq", Serdes.String().deserializer(), topics.dlq().valueSerde().deserializer());
  }

  @Test
  void passesValidRecordsAndDeadLettersTheRestWithoutStopping() {
    start((key, value) -> value.getModelId().isBlank() ? "blank modelId" : null, FutureLimit.NONE);

    byte[] good = topics.state().valueSerde().serializer().serialize("mm.state", heartbeat("m1"));
    byte[] blank = topics.state().valueSerde().serializer().serialize("mm.state", heartbeat(""));
    in.pipeInput("m1", "{\"json\":true}".getBytes());
    in.pipeInput("m1", good);
    in.pipeInput("", blank);
    in.pipeInput("m1", new byte[] {0, 0, 0, 0, 77, 1});
    in.pipeInput("m1", good);

    assertThat(out.readValuesToList()).extracting(StateEvent::getModelId).containsExactly("m1", "m1");
    var letters = dlq.readValuesToList();
    assertThat(letters).extracting(DeadLetter::getReason)
        .containsExactly("DESERIALIZATION", "VALIDATION", "DESERIALIZATION");
    assertThat(letters).extracting(DeadLetter::getMessage)
        .satisfiesExactly(
            m -> assertThat(m).startsWith("MISSING_MAGIC_BYTE"),
            m -> assertThat(m).isEqualTo("blank modelId"),
            m -> assertThat(m).startsWith("UNKNOWN_SCHEMA_ID"));
    assertThat(letters.get(0).getSourceOffset()).isEqualTo(0L);
    assertThat(letters.get(0).getValue().array()).isEqualTo("{\"json\":true}".getBytes());
    assertThat(letters).allSatisfy(l -> assertThat(l.getComponent()).isEqualTo("test"));
    assertThat(meters.get(DecodingProcessor.DLQ_METRIC).tag("reason", "DESERIALIZATION").counter().count())
        .isEqualTo(2.0);
    assertThat(meters.get(DecodingProcessor.DLQ_METRIC).tag("reason", "VALIDATION").counter().count())
        .isEqualTo(1.0);
    assertThat(meters.get(DecodingProcessor.PROCESSED_METRIC).tag("component", "test").counter().count())
        .isEqualTo(2.0);
  }

  @Test
  void recordsDatedBeyondTheFutureLimitAreDeadLetteredBeforeTheyAreDecoded() {
    start(RecordValidator.none(), new FutureLimit(Duration.ofHours(1), "test.future-tolerance"));
    byte[] good = topics.state().valueSerde().serializer().serialize("mm.state", heartbeat("m1"));
    Instant beyond = WALL.plus(Duration.ofHours(1)).plusMillis(1);

    in.pipeInput("m1", new byte[] {1, 2, 3}, beyond); // undecodable, but dated too far first
    in.pipeInput("m1", good, beyond);
    in.pipeInput("m1", good, WALL.plus(Duration.ofHours(1))); // exactly the tolerance: passes

    assertThat(out.readRecordsToList()).extracting(r -> r.getRecordTime())
        .containsExactly(WALL.plus(Duration.ofHours(1)));
    var letters = dlq.readValuesToList();
    assertThat(letters).extracting(DeadLetter::getReason).containsExactly("FUTURE", "FUTURE");
    assertThat(letters.get(0).getValue().array()).isEqualTo(new byte[] {1, 2, 3});
    assertThat(letters.get(1).getMessage()).isEqualTo("event time 2026-11-28T11:00:00.001Z is "
        + "PT1H0.001S ahead of this instance's clock (2026-11-28T10:00:00Z), more than "
        + "test.future-tolerance (PT1H) allows: fix the producer's clock or timestamp unit, or "
        + "raise test.future-tolerance");
    assertThat(meters.get(DecodingProcessor.DLQ_METRIC).tag("reason", "FUTURE").counter().count())
        .isEqualTo(2.0);
  }

  private static StateEvent heartbeat(String modelId) {
    return StateEvent.newBuilder()
        .setModelId(modelId)
        .setTimestamp(Instant.parse("2026-11-28T10:00:00Z"))
        .setEvent(new Heartbeat(1L, 1000L, 1000L))
        .build();
  }
}
