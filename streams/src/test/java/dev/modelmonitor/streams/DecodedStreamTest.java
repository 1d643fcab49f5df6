package dev.modelmonitor.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.modelmonitor.registry.InMemorySchemaRegistryClient;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.StateEvent;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
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
        .to("out", Produced.with(Serdes.String(), topics.state().valueSerde()));
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
  void headersGoOnWithTheDecodedValue() {
    start(RecordValidator.none(), FutureLimit.NONE);
    byte[] good = topics.state().valueSerde().serializer().serialize("mm.state", heartbeat("m1"));
    in.pipeInput(new TestRecord<>("m1", good,
        new RecordHeaders().add("trace", "t-1".getBytes(StandardCharsets.UTF_8)), WALL));
    in.pipeInput("m1", good);

    List<TestRecord<String, StateEvent>> records = out.readRecordsToList();
    assertThat(records.get(0).headers().lastHeader("trace").value())
        .isEqualTo("t-1".getBytes(StandardCharsets.UTF_8));
    assertThat(records.get(1).headers().toArray()).isEmpty();
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

  @Test
  void readsSeveralTopicsWithOneSourceAndHandsEachDecodedValueStraightToTheProcessor() {
    StreamsBuilder builder = new StreamsBuilder();
    List<DecodedStream.Input<? extends SpecificRecord>> inputs = List.of(
        new DecodedStream.Input<>(topics.state(), () -> topics.state().valueSerde().deserializer(),
            (key, value) -> value.getModelId().isBlank() ? "blank modelId" : null),
        new DecodedStream.Input<>(topics.labels(),
            () -> topics.labels().valueSerde().deserializer(), RecordValidator.none()));
    ProcessorSupplier<String, SpecificRecord, String, String> describe = () -> new Processor<>() {
      private ProcessorContext<String, String> context;

      @Override
      public void init(ProcessorContext<String, String> context) {
        this.context = context;
      }

      @Override
      public void process(Record<String, SpecificRecord> record) {
        String value = record.value() instanceof LabelEvent l ? "label " + l.getRequestId()
            : "state " + ((StateEvent) record.value()).getModelId();
        context.forward(record.withValue(value));
      }
    };
    DecodedStream.process(builder, context, inputs, "test", FutureLimit.NONE, describe,
            "test-describe")
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    Topology topology = builder.build();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "decoded-stream-test");
    driver = new TopologyTestDriver(topology, props, WALL);
    in = driver.createInputTopic("mm.state", Serdes.String().serializer(),
        Serdes.ByteArray().serializer());
    TestInputTopic<String, byte[]> labels = driver.createInputTopic("mm.labels",
        Serdes.String().serializer(), Serdes.ByteArray().serializer());
    TestOutputTopic<String, String> described = driver.createOutputTopic("out",
        Serdes.String().deserializer(), Serdes.String().deserializer());
    dlq = driver.createOutputTopic("mm.dlq", Serdes.String().deserializer(),
        topics.dlq().valueSerde().deserializer());

    byte[] label = topics.labels().valueSerde().serializer().serialize("mm.labels",
        LabelEvent.newBuilder().setModelId("m1").setRequestId("r1").setTimestamp(WALL)
            .setActual(1.0).build());
    in.pipeInput("m1", topics.state().valueSerde().serializer().serialize("mm.state",
        heartbeat("m1")));
    labels.pipeInput("m1", label);
    labels.pipeInput("m1", new byte[] {1, 2, 3});
    in.pipeInput("", topics.state().valueSerde().serializer().serialize("mm.state",
        heartbeat("")));
    labels.pipeInput("m1", label);

    assertThat(described.readValuesToList()).containsExactly("state m1", "label r1", "label r1");
    assertThat(dlq.readValuesToList())
        .extracting(DeadLetter::getSourceTopic, DeadLetter::getReason)
        .containsExactly(tuple("mm.labels", "DESERIALIZATION"), tuple("mm.state", "VALIDATION"));
    assertThat(meters.get(DecodingProcessor.PROCESSED_METRIC).tag("topic", "mm.labels")
        .counter().count()).isEqualTo(2.0);
    assertThat(meters.get(DecodingProcessor.PROCESSED_METRIC).tag("topic", "mm.state")
        .counter().count()).isEqualTo(1.0);
    assertThat(meters.get(DecodingProcessor.DLQ_METRIC).tag("topic", "mm.labels")
        .tag("reason", "DESERIALIZATION").counter().count()).isEqualTo(1.0);
    assertThat(meters.get(DecodingProcessor.DLQ_METRIC).tag("topic", "mm.state")
        .tag("reason", "VALIDATION").counter().count()).isEqualTo(1.0);
    // One source for both topics, and the processor's only parent is the decoder.
    TopologyDescription.Processor node = topology.describe().subtopologies().stream()
        .flatMap(t -> t.nodes().stream()).filter(n -> n.name().equals("test-describe"))
        .map(TopologyDescription.Processor.class::cast).findFirst().orElseThrow();
    assertThat(node.predecessors()).extracting(TopologyDescription.Node::name)
        .containsExactly("test-mm.state-mm.labels-decode");
    assertThat(node.predecessors().iterator().next().predecessors())
        .singleElement()
        .satisfies(source -> assertThat(((TopologyDescription.Source) source).topicSet())
            .containsExactlyInAnyOrder("mm.state", "mm.labels"));
  }

  private static StateEvent heartbeat(String modelId) {
    return StateEvent.newBuilder()
        .setModelId(modelId)
        .setTimestamp(Instant.parse("2026-11-28T10:00:00Z"))
        .setEvent(new Heartbeat(1L, 1000L, 1000L))
        .build();
  }
}
