package dev.modelmonitor.reports;

import dev.modelmonitor.registry.InMemorySchemaRegistryClient;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.TaskType;
import dev.modelmonitor.stats.Profile;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The reports topology in a TopologyTestDriver, with typed inputs and outputs for tests. */
final class ReportsDriver implements AutoCloseable {
  static final Instant WALL_CLOCK = Instant.parse("2026-11-29T12:00:00Z");
  static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");

  final Topics topics = new Topics(TopicNames.defaults(), new InMemorySchemaRegistryClient());
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final TopologyTestDriver driver;
  private final Topology topology;
  private final TestInputTopic<String, PredictionEvent> predictions;
  private final TestInputTopic<String, LabelEvent> labels;
  private final TestInputTopic<String, ReferenceProfile> references;
  final TestInputTopic<String, byte[]> rawPredictions;
  private final TestOutputTopic<String, ModelReport> reports;
  private final TestOutputTopic<String, DeadLetter> dlq;
  private final ReportsSettings settings;
  private int requests;

  ReportsDriver(ReportsSettings settings) {
    this.settings = settings;
    StreamsBuilder builder = new StreamsBuilder();
    ReportsTopology.addTo(builder,
        new PipelineContext(topics, meters, Clock.systemUTC()), settings);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "reports-test");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    topology = builder.build();
    driver = new TopologyTestDriver(topology, props, WALL_CLOCK);
    TopicNames names = topics.names();
    predictions = driver.createInputTopic(names.predictions(), Serdes.String().serializer(),
        topics.predictions().valueSerde().serializer());
    rawPredictions = driver.createInputTopic(names.predictions(), Serdes.String().serializer(),
        Serdes.ByteArray().serializer());
    labels = driver.createInputTopic(names.labels(), Serdes.String().serializer(),
        topics.labels().valueSerde().serializer());
    references = driver.createInputTopic(names.reference(), Serdes.String().serializer(),
        topics.reference().valueSerde().serializer());
    reports = driver.createOutputTopic(names.reports(), Serdes.String().deserializer(),
        topics.reports().valueSerde().deserializer());
    dlq = driver.createOutputTopic(names.dlq(), Serdes.String().deserializer(),
        topics.dlq().valueSerde().deserializer());
  }

  /** Settings for tests: 1 h windows, 5 min grace, 10 min label delay. */
  static ReportsSettings settings() {
    return ReportsSettings.defaults().with(ReportsSettings.LABELS_MAX_DELAY, "10m");
  }

  static Instant at(Duration sinceT0) {
    return T0.plus(sinceT0);
  }

  static Instant minutes(long m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  /** A prediction event builder with a fresh requestId. */
  Event event(String model, Instant time) {
    return new Event(model, time, "r" + (++requests));
  }

  void send(Event e) {
    predictions.pipeInput(e.model, e.build(), e.time);
  }

  void label(String model, String requestId, Object actual, Instant time) {
    labels.pipeInput(model, LabelEvent.newBuilder().setModelId(model).setRequestId(requestId)
        .setTimestamp(time).setActual(actual).build(), time);
  }

  /**
   * Lets {@code reports.labels-idle} pass on the wall clock with no label: windows held for
   * labels that lag behind the predictions report.
   */
  void labelsGoQuiet() {
    driver.advanceWallClockTime(settings.labelsIdle());
  }

  void reference(ReferenceProfile reference, Instant time) {
    references.pipeInput(reference.getModelId(), reference, time);
  }

  List<ModelReport> reports() {
    return reports.readValuesToList();
  }

  List<DeadLetter> deadLetters() {
    return dlq.readValuesToList();
  }

  double counter(String name, String... tags) {
    return meters.get(name).tags(tags).counter().count();
  }

  /** The topics the stream tasks read (the reference topic feeds a global store, not a task). */
  Set<String> sourceTopics() {
    Set<String> topics = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source) {
          topics.addAll(source.topicSet());
        }
      }
    }
    return topics;
  }

  /**
   * The requestIds of the records waiting in one side of the label join ({@link
   * ReportStores#PENDING_LABELS} or {@link ReportStores#PENDING_PREDICTIONS}).
   */
  Set<String> waiting(String store) {
    KeyValueStore<Bytes, byte[]> buffer = driver.getKeyValueStore(store);
    Set<String> requestIds = new TreeSet<>();
    try (KeyValueIterator<Bytes, byte[]> all = buffer.all()) {
      while (all.hasNext()) {
        byte[] key = all.next().key.get();
        // The time bucket (8 bytes), then model and requestId.
        String joinKey = new String(key, Long.BYTES, key.length - Long.BYTES,
            StandardCharsets.UTF_8);
        requestIds.add(joinKey.substring(joinKey.indexOf('\u0000') + 1));
      }
    }
    return requestIds;
  }

  KeyValueStore<String, ModelReport> latest() {
    return driver.getKeyValueStore(ReportStores.LATEST);
  }

  @Override
  public void close() {
    driver.close();
  }

  /** A reference built from per-feature profiles. */
  static ReferenceProfile reference(String model, Instant createdAt, Map<String, Profile> features,
      Profile prediction, Profile label) {
    List<FeatureProfile> list = new ArrayList<>();
    features.forEach((name, p) -> list.add(p.toAvro(name)));
    return ReferenceProfile.newBuilder()
        .setModelId(model)
        .setCreatedAt(createdAt)
        .setSource("test-" + createdAt)
        .setRowCount(features.values().stream().mapToLong(p -> p.count() + p.missing()).max()
            .orElse(0))
        .setFeatures(list)
        .setPrediction(prediction == null ? null : prediction.toAvro("prediction"))
        .setLabel(label == null ? null : label.toAvro("label"))
        .setTaskType((TaskType) null)
        .build();
  }

  /** A prediction event under construction. */
  static final class Event {
    final String model;
    final Instant time;
    final String requestId;
    final Map<String, Object> features = new LinkedHashMap<>();
    Object prediction;
    Long latencyMicros;
    Outcome outcome = Outcome.OK;
    String error;
    String version;

    Event(String model, Instant time, String requestId) {
      this.model = model;
      this.time = time;
      this.requestId = requestId;
    }

    Event feature(String name, Object value) {
      features.put(name, value);
      return this;
    }

    Event prediction(Object value) {
      prediction = value;
      return this;
    }

    Event latencyMicros(long micros) {
      latencyMicros = micros;
      return this;
    }

    Event failed(Outcome outcome, String error) {
      this.outcome = outcome;
      this.error = error;
      return this;
    }

    Event version(String version) {
      this.version = version;
      return this;
    }

    PredictionEvent build() {
      return PredictionEvent.newBuilder()
          .setModelId(model)
          .setModelVersion(version)
          .setTimestamp(time)
          .setRequestId(requestId)
          .setFeatures(features)
          .setPrediction(prediction)
          .setLatencyMicros(latencyMicros)
          .setOutcome(outcome)
          .setError(error)
          .build();
    }
  }
}
