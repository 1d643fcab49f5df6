package dev.modelmonitor.checks;

import dev.modelmonitor.registry.InMemorySchemaRegistryClient;
import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.stats.NumericReferenceBuilder;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.common.utils.Utils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the checks spend per request and per event, for the load of {@code CheckRoundTrip} (50
 * models sharing 2,000 predictions/s, so 40/s per model, 20 numeric features, a 1,000-row
 * reference): the real {@link ChecksProcessor} on RocksDB stores (no changelog), driven by a
 * {@link MockProcessorContext} whose wall clock the benchmark sets, after 16 minutes of one
 * model's traffic with a commit every 100 ms, and the real {@link CheckAnswerer} on those stores.
 *
 * <ul>
 *   <li>{@code answer}: one request for all five checks over the default 15-minute lookback, as
 *       the responder answers it (reading the minutes from the stores, merging them, computing
 *       the checks).
 *   <li>{@code evaluate}: only the checks over a summed window (no merging); the window's
 *       sketches keep their sorted views between calls, so their sort is left out.
 *   <li>{@code prediction}: one prediction event processed, the clock moving 25 ms per event and
 *       a commit every fourth event (the per-event share of the commits included).
 *   <li>{@code decodePrediction}: the Avro decoding of one prediction, also on the stream thread.
 * </ul>
 *
 * <p>In the checks' package because the processor is package-private.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar CheckAnswerBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class CheckAnswerBenchmark {
  private static final String MODEL = "model-0";
  private static final int FEATURES = 20;
  private static final int EVENTS_PER_SECOND = 40;
  private static final long EVENT_STEP_MS = 1000 / EVENTS_PER_SECOND;
  private static final int EVENTS_PER_COMMIT = 4;
  private static final int HISTORY_MINUTES = 16;
  private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

  private File stateDir;
  private MockProcessorContext<Void, Void> context;
  private ChecksProcessor processor;
  private CheckAnswerer answerer;
  private ChecksStores stores;
  private CommitHook hook;
  private Topics topics;
  private final List<PredictionEvent> events = new ArrayList<>();
  private final List<byte[]> encodedEvents = new ArrayList<>();
  private Deserializer<PredictionEvent> decoder;
  private long now;
  private long sent;
  private int requests;
  private Evidence evidence;
  private CheckRequest evidenceRequest;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    stateDir = Files.createTempDirectory("check-answer-bench").toFile();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "check-answer-bench");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
    context = new MockProcessorContext<>(props, new TaskId(0, 0), stateDir);
    ChecksSettings settings = ChecksSettings.defaults();
    addStores(settings);
    topics = new Topics(TopicNames.defaults(), new InMemorySchemaRegistryClient());
    processor = new ChecksProcessor(settings, new SimpleMeterRegistry());
    processor.init(context);
    answerer = new CheckAnswerer(settings, new SimpleMeterRegistry());
    stores = new ChecksStores(context.getStateStore(ChecksTopology.STATUS_STORE),
        context.getStateStore(ChecksTopology.REFERENCES_STORE),
        context.getStateStore(ChecksTopology.MINUTES_STORE),
        context.getStateStore(ChecksTopology.DELTAS_STORE));
    hook = context.getStateStore(ChecksTopology.COMMIT_HOOK);

    SplittableRandom random = new SplittableRandom(1);
    now = START.toEpochMilli();
    context.setCurrentSystemTimeMs(now);
    processor.process(new Record<>(MODEL, new ChecksInput.Reference(reference(random)), now));
    for (int i = 0; i < 4096; i++) {
      events.add(event(random, i));
    }
    var serializer = topics.predictions().valueSerde().serializer();
    for (int i = 0; i < 64; i++) {
      encodedEvents.add(serializer.serialize(topics.predictions().name(), events.get(i)));
    }
    decoder = topics.predictions().valueSerde().deserializer();
    long until = now + Duration.ofMinutes(HISTORY_MINUTES).plusSeconds(30).toMillis();
    while (now < until) {
      prediction();
    }
    hook.flushCache();
    evidenceRequest = request();
    evidence = evidence();
  }

  private void addStores(ChecksSettings settings) {
    Duration retention = settings.maxLookback().plusMinutes(2);
    List<StateStore> stores = List.of(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ChecksTopology.STATUS_STORE),
            Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build(),
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ChecksTopology.REFERENCES_STORE),
            Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build(),
        Stores.windowStoreBuilder(Stores.persistentWindowStore(ChecksTopology.MINUTES_STORE,
                retention, Duration.ofMinutes(1), false), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled().build(),
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ChecksTopology.DELTAS_STORE),
            Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build(),
        Stores.windowStoreBuilder(Stores.persistentWindowStore(ChecksTopology.JOINS_STORE,
                settings.labelMaxDelay().plusMinutes(1), Duration.ofMillis(1), false),
            Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build(),
        CommitHook.builder(ChecksTopology.COMMIT_HOOK).build());
    for (StateStore store : stores) {
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }
  }

  private static ReferenceProfile reference(SplittableRandom random) {
    List<FeatureProfile> profiles = new ArrayList<>();
    for (int f = 0; f < FEATURES; f++) {
      NumericReferenceBuilder builder = new NumericReferenceBuilder();
      for (int row = 0; row < 1000; row++) {
        builder.add(gaussian(random));
      }
      profiles.add(builder.build().toAvro("f" + f));
    }
    return ReferenceProfile.newBuilder().setModelId(MODEL).setCreatedAt(START)
        .setSource("bench").setRowCount(1000).setFeatures(profiles).build();
  }

  private static PredictionEvent event(SplittableRandom random, int n) {
    Map<String, Object> values = new HashMap<>();
    for (int f = 0; f < FEATURES; f++) {
      values.put("f" + f, gaussian(random));
    }
    return PredictionEvent.newBuilder().setModelId(MODEL).setModelVersion("v1")
        .setTimestamp(START).setInstance(Instance.newBuilder().setId("bench-pod").build())
        .setRequestId(MODEL + "-" + n).setFeatures(values).setPrediction(random.nextBoolean())
        .setLatencyMicros(1000L + random.nextInt(20_000))
        .setOutcome(random.nextInt(100) == 0 ? Outcome.ERROR : Outcome.OK).build();
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private CheckRequest request() {
    return CheckRequest.newBuilder().setRequestId("bench-" + requests++)
        .setModelId(MODEL).setLookbackSeconds(900).setRequestedAt(Instant.ofEpochMilli(now))
        .setRequestedBy("bench").build();
  }

  /** The evidence the processor would build now, for {@link #evaluate}. */
  private Evidence evidence() {
    ModelReference reference = ModelReference.fromBytes(
        ((org.apache.kafka.streams.state.KeyValueStore<String, byte[]>) context.getStateStore(
            ChecksTopology.REFERENCES_STORE)).get(MODEL));
    ModelStatus status = ModelStatus.fromBytes(
        ((org.apache.kafka.streams.state.KeyValueStore<String, byte[]>) context.getStateStore(
            ChecksTopology.STATUS_STORE)).get(MODEL));
    WindowStore<String, byte[]> minutes = context.getStateStore(ChecksTopology.MINUTES_STORE);
    long from = MinuteStores.floorMinute(now - Duration.ofMinutes(15).toMillis());
    LookbackWindow window = new LookbackWindow(from, now, reference.createdAtMillis);
    try (WindowStoreIterator<byte[]> stored = minutes.fetch(MODEL, Instant.ofEpochMilli(from),
        Instant.ofEpochMilli(now))) {
      stored.forEachRemaining(kv -> window.add(MinuteBucket.fromBytes(kv.value)));
    }
    CheckThresholds thresholds = CheckThresholds.resolve(Map.of(), reference.driftThresholds,
        Map.of());
    return new Evidence(MODEL, status, reference, window, thresholds, now,
        Duration.ofMinutes(15).toMillis());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    processor.close();
    for (String name : List.of(ChecksTopology.STATUS_STORE, ChecksTopology.REFERENCES_STORE,
        ChecksTopology.MINUTES_STORE, ChecksTopology.DELTAS_STORE, ChecksTopology.JOINS_STORE,
        ChecksTopology.COMMIT_HOOK)) {
      ((StateStore) context.getStateStore(name)).close();
    }
    try {
      Utils.delete(stateDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Benchmark
  public Object answer() {
    return answerer.answer(stores, request(), now);
  }

  @Benchmark
  public Object evaluate() {
    return CheckEvaluator.answer(evidenceRequest, evidence, "bench");
  }

  @Benchmark
  public Object prediction() {
    PredictionEvent event = events.get((int) (sent % events.size()));
    event.setTimestamp(Instant.ofEpochMilli(now));
    processor.process(new Record<>(MODEL, new ChecksInput.Prediction(event), now));
    sent++;
    if (sent % EVENTS_PER_COMMIT == 0) {
      hook.flushCache();
    }
    now += EVENT_STEP_MS;
    context.setCurrentSystemTimeMs(now);
    return event;
  }

  @Benchmark
  public Object decodePrediction() {
    sent++;
    return decoder.deserialize(topics.predictions().name(),
        encodedEvents.get((int) (sent % encodedEvents.size())));
  }
}
