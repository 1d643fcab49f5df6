package dev.modelmonitor.checks;

import dev.modelmonitor.registry.InMemorySchemaRegistryClient;
import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.CheckType;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.LifecycleChange;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.StateEvent;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The checks topology under {@link TopologyTestDriver} with typed inputs and outputs, a wall
 * clock the test moves, builders for the events a test sends, and a {@link CheckAnswerer} on the
 * driver's stores (the driver commits after each record, so answers see every event sent).
 */
final class ChecksDriver implements AutoCloseable {
  /** The wall clock at the start: 12:00:30 on a day, so minute boundaries are easy to see. */
  static final Instant START = Instant.parse("2025-03-01T12:00:30Z");

  final Topics topics = new Topics(TopicNames.defaults(), new InMemorySchemaRegistryClient());
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final TopologyTestDriver driver;
  final TestInputTopic<String, PredictionEvent> predictions;
  final TestInputTopic<String, LabelEvent> labels;
  final TestInputTopic<String, StateEvent> state;
  final TestInputTopic<String, ReferenceProfile> reference;
  final TestOutputTopic<String, DeadLetter> dlq;
  final CheckAnswerer answerer;
  private final AtomicInteger ids = new AtomicInteger();
  private Instant now = START;

  ChecksDriver(ChecksSettings settings, Path stateDir) {
    answerer = new CheckAnswerer(settings, meters);
    StreamsBuilder builder = new StreamsBuilder();
    ChecksTopology.addTo(builder,
        new PipelineContext(topics, meters, Clock.systemUTC()), settings);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "checks-test");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(builder.build(), props, START);
    predictions = input(topics.predictions());
    labels = input(topics.labels());
    state = input(topics.state());
    reference = input(topics.reference());
    dlq = driver.createOutputTopic(topics.dlq().name(), Serdes.String().deserializer(),
        topics.dlq().valueSerde().deserializer());
  }

  private <V> TestInputTopic<String, V> input(dev.modelmonitor.topic.Topic<V> topic) {
    return driver.createInputTopic(topic.name(), Serdes.String().serializer(),
        topic.valueSerde().serializer());
  }

  Instant now() {
    return now;
  }

  /** Moves the wall clock (and with it what "the last 15 minutes" means). */
  void advance(Duration duration) {
    now = now.plus(duration);
    driver.advanceWallClockTime(duration);
  }

  void send(PredictionEvent event) {
    predictions.pipeInput(event.getModelId(), event, event.getTimestamp());
  }

  void send(StateEvent event) {
    state.pipeInput(event.getModelId(), event, event.getTimestamp());
  }

  void send(LabelEvent event) {
    labels.pipeInput(event.getModelId(), event, event.getTimestamp());
  }

  void send(ReferenceProfile profile) {
    reference.pipeInput(profile.getModelId(), profile, profile.getCreatedAt());
  }

  /** The stores as interactive queries read them. */
  ChecksStores stores() {
    return new ChecksStores(
        driver.getKeyValueStore(ChecksTopology.STATUS_STORE),
        driver.getKeyValueStore(ChecksTopology.REFERENCES_STORE),
        driver.getWindowStore(ChecksTopology.MINUTES_STORE),
        driver.getKeyValueStore(ChecksTopology.DELTAS_STORE));
  }

  /**
   * Runs {@code closing} (what makes the processor close minutes), then puts back the deltas the
   * close deleted: the stores as a reader on another thread sees them between the close's two
   * writes, the minute's bucket written and its deltas not yet deleted.
   */
  void stopBetweenTheWritesOfAClose(Runnable closing) {
    KeyValueStore<String, byte[]> deltas = driver.getKeyValueStore(ChecksTopology.DELTAS_STORE);
    List<KeyValue<String, byte[]>> before = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = deltas.all()) {
      all.forEachRemaining(before::add);
    }
    closing.run();
    before.forEach(delta -> deltas.put(delta.key, delta.value));
  }

  /** The result of {@code request} keyed by its model, as the responder answers it now. */
  CheckResult ask(CheckRequest request) {
    return ask(request.getModelId(), request);
  }

  /** The result of {@code request} read with record key {@code key}. */
  CheckResult ask(String key, CheckRequest request) {
    String problem = answerer.problem(key, request);
    return problem != null ? answerer.error(request, problem, now.toEpochMilli())
        : answerer.answer(stores(), request, now.toEpochMilli());
  }

  CheckRequest.Builder request(String model, CheckType... checks) {
    return CheckRequest.newBuilder()
        .setRequestId("req-" + ids.incrementAndGet())
        .setModelId(model)
        .setChecks(List.of(checks))
        .setLookbackSeconds(900)
        .setRequestedAt(now)
        .setRequestedBy("test");
  }

  /** An OK prediction at the current wall-clock time. */
  PredictionEvent.Builder prediction(String model, Map<String, Object> features) {
    return PredictionEvent.newBuilder()
        .setModelId(model)
        .setModelVersion("v1")
        .setTimestamp(now)
        .setInstance(instance("pod-a"))
        .setRequestId(model + "-" + ids.incrementAndGet())
        .setFeatures(features)
        .setOutcome(Outcome.OK);
  }

  StateEvent lifecycle(String model, String pod, LifecycleState state, String reason) {
    return StateEvent.newBuilder()
        .setModelId(model)
        .setModelVersion("v1")
        .setTimestamp(now)
        .setInstance(instance(pod))
        .setEvent(LifecycleChange.newBuilder().setState(state).setReason(reason).build())
        .build();
  }

  StateEvent heartbeat(String model, String pod, long intervalMillis) {
    return StateEvent.newBuilder()
        .setModelId(model)
        .setModelVersion("v1")
        .setTimestamp(now)
        .setInstance(instance(pod))
        .setEvent(Heartbeat.newBuilder().setSequence(1).setUptimeMillis(1000)
            .setIntervalMillis(intervalMillis).build())
        .build();
  }

  LabelEvent label(String model, String requestId, Object actual) {
    return LabelEvent.newBuilder()
        .setModelId(model)
        .setTimestamp(now)
        .setRequestId(requestId)
        .setActual(actual)
        .build();
  }

  static Instance instance(String pod) {
    return Instance.newBuilder().setId(pod).setPod(pod).setNamespace("ml").build();
  }

  @Override
  public void close() {
    driver.close();
  }
}
