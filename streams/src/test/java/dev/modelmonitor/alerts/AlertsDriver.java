package dev.modelmonitor.alerts;

import dev.modelmonitor.alerts.rules.Rule;
import dev.modelmonitor.alerts.rules.RuleParser;
import dev.modelmonitor.registry.InMemorySchemaRegistryClient;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.Instance;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The alerts topology in a {@link TopologyTestDriver}: event time is the record timestamp the
 * tests give, wall-clock time starts at {@link #T0} and moves only with {@link #advance}.
 */
final class AlertsDriver implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  static final String MODEL = "churn";

  final Topics topics = new Topics(TopicNames.defaults(), new InMemorySchemaRegistryClient());
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final TopologyTestDriver driver;
  private final TestInputTopic<String, byte[]> predictions;
  private final TestInputTopic<String, byte[]> state;
  private final TestInputTopic<String, byte[]> rules;
  private final TestInputTopic<String, byte[]> reference;
  private final TestOutputTopic<String, Alert> alerts;
  private final TestOutputTopic<String, DeadLetter> dlq;
  private long wall = T0.toEpochMilli();
  private int requests;

  /** Settings for exact tests: quantiles and drift recomputed on every event. */
  static AlertsSettings exact() {
    return AlertsSettings.defaults()
        .withQuantileRefresh(Duration.ZERO)
        .withDriftRefresh(Duration.ZERO)
        .withEvaluationInterval(Duration.ofSeconds(1))
        .withUiBaseUrl("http://monitor.example:8080/");
  }

  AlertsDriver() {
    this(exact());
  }

  AlertsDriver(AlertsSettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    AlertsTopology.addTo(builder, new PipelineContext(topics, meters, Clock.systemUTC()), settings);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerts-test");
    props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/alerts-test-" + System.nanoTime());
    driver = new TopologyTestDriver(builder.build(), props, T0);
    var key = Serdes.String().serializer();
    var bytes = Serdes.ByteArray().serializer();
    predictions = driver.createInputTopic(topics.names().predictions(), key, bytes);
    state = driver.createInputTopic(topics.names().state(), key, bytes);
    rules = driver.createInputTopic(topics.names().rules(), key, bytes);
    reference = driver.createInputTopic(topics.names().reference(), key, bytes);
    alerts = driver.createOutputTopic(
        topics.names().alerts(), Serdes.String().deserializer(), topics.alerts().valueSerde().deserializer());
    dlq = driver.createOutputTopic(
        topics.names().dlq(), Serdes.String().deserializer(), topics.dlq().valueSerde().deserializer());
  }

  /** Publishes the rules of a rules file (YAML) and lets one evaluation interval pass. */
  AlertsDriver rules(String yaml) {
    for (Rule rule : RuleParser.parse(yaml, "test")) {
      rules.pipeInput(rule.id(), topics.rules().valueSerde().serializer().serialize(topics.names().rules(), rule.toAvro()));
    }
    return advance(Duration.ofSeconds(1));
  }

  AlertsDriver deleteRule(String id) {
    rules.pipeInput(id, (byte[]) null);
    return advance(Duration.ofSeconds(1));
  }

  void rawRule(String key, byte[] value) {
    rules.pipeInput(key, value);
  }

  AlertsDriver reference(ReferenceProfile profile) {
    reference.pipeInput(profile.getModelId(),
        topics.reference().valueSerde().serializer().serialize(topics.names().reference(), profile));
    return advance(Duration.ofSeconds(1));
  }

  /** Moves the wall clock, which fires due punctuations. */
  AlertsDriver advance(Duration d) {
    wall += d.toMillis();
    driver.advanceWallClockTime(d);
    return this;
  }

  long wall() {
    return wall;
  }

  static PredictionEvent.Builder event(String model, Instant t) {
    return PredictionEvent.newBuilder()
        .setModelId(model)
        .setModelVersion("1")
        .setTimestamp(t)
        .setRequestId("r")
        .setFeatures(new HashMap<>())
        .setOutcome(Outcome.OK);
  }

  void predict(PredictionEvent.Builder event) {
    PredictionEvent e = event.setRequestId("r" + requests++).build();
    predictions.pipeInput(e.getModelId(),
        topics.predictions().valueSerde().serializer().serialize(topics.names().predictions(), e),
        e.getTimestamp());
  }

  /** {@code n} predictions of {@link #MODEL}, one every {@code stepMs} from {@code from}. */
  void predict(int n, Instant from, long stepMs, Outcome outcome) {
    for (int i = 0; i < n; i++) {
      predict(event(MODEL, from.plusMillis(i * stepMs)).setOutcome(outcome)
          .setError(outcome == Outcome.OK ? null : "ValueError"));
    }
  }

  void rawPrediction(String key, byte[] value) {
    predictions.pipeInput(key, value);
  }

  void state(String model, Instant t, String instance, Object event) {
    StateEvent e = StateEvent.newBuilder()
        .setModelId(model)
        .setModelVersion("1")
        .setTimestamp(t)
        .setInstance(Instance.newBuilder().setId(instance).build())
        .setEvent(event)
        .build();
    state.pipeInput(model, topics.state().valueSerde().serializer().serialize(topics.names().state(), e), t);
  }

  void lifecycle(String model, Instant t, String instance, LifecycleState s, String reason) {
    state(model, t, instance, new LifecycleChange(s, reason));
  }

  void heartbeat(String model, Instant t, String instance) {
    state(model, t, instance, new Heartbeat(1L, 1000L, 10_000L));
  }

  List<Alert> alerts() {
    return alerts.readValuesToList();
  }

  List<DeadLetter> deadLetters() {
    return dlq.readValuesToList();
  }

  Map<String, Object> features(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Override
  public void close() {
    driver.close();
  }
}
