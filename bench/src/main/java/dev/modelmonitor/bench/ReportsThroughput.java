package dev.modelmonitor.bench;

import dev.modelmonitor.local.LocalCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.reports.ReportStores;
import dev.modelmonitor.reports.ReportsSettings;
import dev.modelmonitor.reports.ReportsTopology;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.streams.FormatLocale;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * DESIGN section 7's reports benchmark, all on one in-process broker in one run: N generated
 * prediction events (default 2 M, 20 features) are produced once, then read by a bare consumer, by
 * a trivial {@code groupByKey().count()} topology, by the same count decoding each event with the
 * pipeline's Avro serde, by the count reading predictions and labels as the reports topology does
 * (with the reports app's settings, and once more idling 2 s for an empty input, as the reports
 * app did before 2026-11-29), and by the reports topology
 * (with its defaults, and once more with {@code reports.label-join=never}, which reads no labels),
 * all under the same processing guarantee, and the rates and the stream threads' CPU per event are
 * compared. Also reports the window state per open model-window and the heap (broker included: it
 * runs in this JVM).
 *
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests
 * java -Xmx2g -cp bench/target/benchmarks.jar dev.modelmonitor.bench.ReportsThroughput \
 *     [events=2000000] [features=20] [models=20] [partitions=4] [threads=1] \
 *     [guarantee=exactly_once_v2] [window=1h] [span=48h] [commit=100ms (both topologies)] \
 *     [rounds=1 (count and reports alternate this many times, after one warm-up round)]
 *     [only=reports (no baselines: for profiling the reports topology)]
 *     [label-join=auto (with only=reports: never reads no labels)]
 *     [labels=false (with only=reports, true also produces a label per prediction, 10 min after
 *      it, and a run ends when both topics are committed; rates and CPU stay per prediction)]
 *     [format-locale=service (en becomes en_US, as in the service; jvm keeps the JVM's)]
 *     [streams.NAME=VALUE (any Kafka Streams setting, for every topology run)]
 * </pre>
 */
public final class ReportsThroughput {
  private final Map<String, String> options;
  private final long events;
  private final int features;
  private final int models;
  private final int partitions;
  private final int threads;
  private final String guarantee;
  private final Duration window;
  private final Duration span;
  private final int rounds;
  private final boolean labels;

  private ReportsThroughput(Map<String, String> options) {
    this.options = options;
    this.events = Long.parseLong(option("events", "2000000"));
    this.features = Integer.parseInt(option("features", "20"));
    this.models = Integer.parseInt(option("models", "20"));
    this.partitions = Integer.parseInt(option("partitions", "4"));
    this.threads = Integer.parseInt(option("threads", "1"));
    this.guarantee = option("guarantee", StreamsConfig.EXACTLY_ONCE_V2);
    this.window = dev.modelmonitor.streams.Durations.parse(option("window", "1h"));
    this.span = dev.modelmonitor.streams.Durations.parse(option("span", "48h"));
    this.rounds = Integer.parseInt(option("rounds", "1"));
    this.labels = Boolean.parseBoolean(option("labels", "false"));
    if (labels && !"reports".equals(option("only", "all"))) {
      throw new IllegalArgumentException("labels=true needs only=reports: the baselines read "
          + "predictions alone");
    }
  }

  private String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("arguments read key=value, e.g. events=2000000; got "
            + arg);
      }
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    // The format locale the service runs with (ModelMonitorCli; see FormatLocale);
    // format-locale=jvm keeps the JVM's own.
    if (!"jvm".equals(options.get("format-locale"))) {
      FormatLocale.preferUsEnglishOverPlainEnglish();
    }
    new ReportsThroughput(options).run();
    System.exit(0);
  }

  private void run() throws Exception {
    // A run leaves about 1 GB of broker logs and state per 2 M events; left behind, a day of runs
    // filled this machine's disk.
    Path dir = Files.createTempDirectory("reports-bench");
    try {
      runIn(dir);
    } finally {
      org.apache.kafka.common.utils.Utils.delete(dir.toFile());
    }
  }

  private void runIn(Path dir) throws Exception {
    try (LocalCluster cluster = LocalCluster.builder().partitions(partitions)
        .topicPrefix("bench.").dataDir(dir.resolve("kafka")).build()) {
      cluster.start();
      TopicNames names = cluster.topicNames();
      Topics topics = new Topics(names, new HttpSchemaRegistryClient(cluster.registryUrl()));
      printf("load: %s, format locale %s%n", load(), Locale.getDefault(Locale.Category.FORMAT));
      keepForever(cluster, names.predictions());
      keepForever(cluster, names.labels());
      publishReferences(cluster, topics);
      double produced = produce(cluster, topics);
      printf("produced %,d events (%d features, %d models, %d partitions) at %,.0f/s%n",
          events, features, models, partitions, produced);

      double bare = bareConsumer(cluster, names);
      printf("bare consumer: %,.0f/s%n", bare);
      // Count and reports alternate, so a change of the machine's load hits both alike; each
      // round's ratio compares two runs next to each other.
      Result count = null;
      Result reports = null;
      SimpleMeterRegistry meters = null;
      List<Double> ratios = new ArrayList<>();
      List<Double> cpuRatios = new ArrayList<>();
      List<Double> decodedRatios = new ArrayList<>();
      List<Double> twoInputCpuRatios = new ArrayList<>();
      List<Double> idlingCpuRatios = new ArrayList<>();
      List<Double> noLabelsRatios = new ArrayList<>();
      List<Double> noLabelsCpuRatios = new ArrayList<>();
      // Round 0 warms the JIT up (a cold first count run is 2x slower) and is not reported.
      boolean reportsOnly = "reports".equals(option("only", "all"));
      for (int round = 0; round <= rounds; round++) {
        String suffix = "-" + round;
        if (reportsOnly) {
          // For profiling the reports topology alone (JFR): no baselines, no ratios.
          meters = new SimpleMeterRegistry();
          reports = runTopology(cluster, names, "reports" + suffix,
              reportsTopology(topics, meters, option("label-join", "auto")),
              ReportsTopology.recommendedStreamsConfig(), dir);
          printf("reports topology round %d: %,.0f/s, stream thread CPU %.2f us/event, %,.0f "
              + "labels joined%n", round, reports.rate, reports.cpuMicrosPerEvent,
              meters.get("modelmonitor.reports.labels").tag("result", "joined").counter()
                  .count());
          continue;
        }
        count = runTopology(cluster, names, "count" + suffix, countTopology(names), Map.of(),
            dir);
        printf("count topology (%s, %d thread%s): %,.0f/s, stream thread CPU %.2f us/event, "
            + "heap max %s%n", guarantee, threads, threads == 1 ? "" : "s", count.rate,
            count.cpuMicrosPerEvent, mb(count.heapMax));
        Result decoded = runTopology(cluster, names, "decoded-count" + suffix,
            decodedCountTopology(topics), Map.of(), dir);
        printf("decoding count topology: %,.0f/s, stream thread CPU %.2f us/event%n",
            decoded.rate, decoded.cpuMicrosPerEvent);
        Result twoInputs = runTopology(cluster, names, "two-input-count" + suffix,
            twoInputCountTopology(names), ReportsTopology.recommendedStreamsConfig(), dir);
        printf("two-input count topology: %,.0f/s, stream thread CPU %.2f us/event%n",
            twoInputs.rate, twoInputs.cpuMicrosPerEvent);
        // The same idling for an empty input, as the reports app did: Streams then runs its
        // per-record readiness check.
        Map<String, Object> idling = new HashMap<>(ReportsTopology.recommendedStreamsConfig());
        idling.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 2_000L);
        Result twoInputsIdling = runTopology(cluster, names, "two-input-count-idling" + suffix,
            twoInputCountTopology(names), idling, dir);
        printf("two-input count topology, max.task.idle.ms=2000: %,.0f/s, stream thread CPU "
            + "%.2f us/event%n", twoInputsIdling.rate, twoInputsIdling.cpuMicrosPerEvent);
        meters = new SimpleMeterRegistry();
        reports = runTopology(cluster, names, "reports" + suffix,
            reportsTopology(topics, meters, "auto"), ReportsTopology.recommendedStreamsConfig(),
            dir);
        printf("reports topology (%s, %d thread%s): %,.0f/s, stream thread CPU %.2f us/event, "
            + "heap max %s, %,.0f reports%n", guarantee, threads, threads == 1 ? "" : "s",
            reports.rate, reports.cpuMicrosPerEvent, mb(reports.heapMax),
            meters.get("modelmonitor.reports.emitted").counter().count());
        // Not reading labels at all: one input per task.
        SimpleMeterRegistry noLabelMeters = new SimpleMeterRegistry();
        Result noLabels = runTopology(cluster, names, "reports-label-join-never" + suffix,
            reportsTopology(topics, noLabelMeters, "never"),
            ReportsTopology.recommendedStreamsConfig(), dir);
        printf("reports topology, reports.label-join=never: %,.0f/s, stream thread CPU %.2f "
            + "us/event, %,.0f reports%n", noLabels.rate, noLabels.cpuMicrosPerEvent,
            noLabelMeters.get("modelmonitor.reports.emitted").counter().count());
        if (round == 0) {
          printf("round 0 (warm-up, not counted)%n");
          continue;
        }
        ratios.add(reports.rate / count.rate);
        cpuRatios.add(count.cpuMicrosPerEvent / reports.cpuMicrosPerEvent);
        decodedRatios.add(reports.rate / decoded.rate);
        twoInputCpuRatios.add(count.cpuMicrosPerEvent / twoInputs.cpuMicrosPerEvent);
        idlingCpuRatios.add(count.cpuMicrosPerEvent / twoInputsIdling.cpuMicrosPerEvent);
        noLabelsRatios.add(noLabels.rate / count.rate);
        noLabelsCpuRatios.add(count.cpuMicrosPerEvent / noLabels.cpuMicrosPerEvent);
        printf("round %d: reports / count = %.2f, count CPU / reports CPU per event = %.2f "
            + "(load %s)%n", round, reports.rate / count.rate,
            count.cpuMicrosPerEvent / reports.cpuMicrosPerEvent, load());
      }
      if (reportsOnly) {
        return;
      }
      double bareAfter = bareConsumer(cluster, names);
      printf("bare consumer again: %,.0f/s%n", bareAfter);

      double bareMean = (bare + bareAfter) / 2;
      printf("%n| measure | value |%n|---|---|%n");
      printf("| events x features | %,d x %d, %d models, %d partitions |%n", events, features,
          models, partitions);
      printf("| bare consumer | %,.0f/s (mean of %,.0f and %,.0f) |%n", bareMean, bare,
          bareAfter);
      printf("| count topology, %s | %,.0f/s = %.2f of bare |%n", guarantee, count.rate,
          count.rate / bareMean);
      printf("| reports topology, %s | %,.0f/s = %.2f of count, %.2f of bare |%n", guarantee,
          reports.rate, reports.rate / count.rate, reports.rate / bareMean);
      printf("| stream thread CPU per event | count %.2f us, reports %.2f us |%n",
          count.cpuMicrosPerEvent, reports.cpuMicrosPerEvent);
      printf("| reports / count rate per round | %s |%n", withMedian(ratios));
      printf("| count / reports CPU per event per round | %s |%n", withMedian(cpuRatios));
      printf("| reports / decoding count rate per round | %s |%n", withMedian(decodedRatios));
      printf("| reports with label-join=never / count rate per round | %s |%n",
          withMedian(noLabelsRatios));
      printf("| count / reports with label-join=never CPU per event per round | %s |%n",
          withMedian(noLabelsCpuRatios));
      printf("| count / two-input count CPU per event per round | %s |%n",
          withMedian(twoInputCpuRatios));
      printf("| count / two-input count idling 2 s, CPU per event per round | %s |%n",
          withMedian(idlingCpuRatios));
      printf("| window state per open model-window | %s (%d open windows; %s in window "
              + "profiles, %s journal) |%n", kb(reports.stateBytes / Math.max(1,
              reports.openWindows)), reports.openWindows, kb(reports.profileBytes
              / Math.max(1, reports.openWindows)), kb(reports.journalBytes
              / Math.max(1, reports.openWindows)));
      printf("| heap, count run | max %s, end %s |%n", mb(count.heapMax), mb(count.heapEnd));
      printf("| heap, reports run | max %s, end %s |%n", mb(reports.heapMax),
          mb(reports.heapEnd));
      printf("| load average at the end | %s |%n", load());
    }
  }

  private static String withMedian(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return values.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList()
        + (values.size() > 1 ? String.format(Locale.ROOT, " (median %.2f)",
            sorted.get(sorted.size() / 2)) : "");
  }

  // ---------------------------------------------------------------------------------------------

  private void publishReferences(LocalCluster cluster, Topics topics) throws Exception {
    SyntheticPredictions generator = generator();
    try (KafkaProducer<String, ReferenceProfile> producer = new KafkaProducer<>(
        producerProps(cluster), new StringSerializer(),
        new AvroSerializer<>(topics.registry()))) {
      for (int m = 0; m < models; m++) {
        String model = SyntheticPredictions.model(m);
        producer.send(new ProducerRecord<>(topics.names().reference(), model,
            generator.reference(model, 5_000))).get();
      }
    }
  }

  /**
   * The generated events are stamped from 2026-01-01: older than the predictions topic's 7-day
   * retention, so the broker's retention check would delete them in the middle of the run.
   */
  private static void keepForever(LocalCluster cluster, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      admin.incrementalAlterConfigs(Map.of(
          new ConfigResource(ConfigResource.Type.TOPIC, topic),
          List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"),
              AlterConfigOp.OpType.SET)))).all().get();
    }
  }

  private SyntheticPredictions generator() {
    long step = Math.max(1, span.toMillis() / events);
    return new SyntheticPredictions(features, models, Instant.parse("2026-01-01T00:00:00Z"),
        step, 7);
  }

  private double produce(LocalCluster cluster, Topics topics) throws Exception {
    SyntheticPredictions generator = generator();
    AvroSerializer<PredictionEvent> serializer = new AvroSerializer<>(topics.registry());
    AvroSerializer<LabelEvent> labelSerializer = new AvroSerializer<>(topics.registry());
    String topic = topics.names().predictions();
    String labelTopic = topics.names().labels();
    long labelLag = Duration.ofMinutes(10).toMillis();
    long started = System.nanoTime();
    java.util.concurrent.atomic.AtomicReference<Exception> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(cluster),
        new StringSerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < events && failure.get() == null; i++) {
        PredictionEvent e = generator.event(i);
        org.apache.kafka.clients.producer.Callback failed = (md, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        };
        producer.send(new ProducerRecord<>(topic, null, e.getTimestamp().toEpochMilli(),
            e.getModelId(), serializer.serialize(topic, e)), failed);
        LabelEvent label = labels ? generator.label(e, labelLag) : null;
        if (label != null) {
          producer.send(new ProducerRecord<>(labelTopic, null,
              label.getTimestamp().toEpochMilli(), label.getModelId(),
              labelSerializer.serialize(labelTopic, label)), failed);
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing the events failed", failure.get());
    }
    double rate = events / ((System.nanoTime() - started) / 1e9);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      long stored = endOffsets(admin, topic).values().stream().mapToLong(Long::longValue).sum();
      if (stored != events) {
        throw new IllegalStateException(topic + " holds " + stored + " records, not " + events);
      }
    }
    return rate;
  }

  private static Properties producerProps(LocalCluster cluster) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    return props;
  }

  private double bareConsumer(LocalCluster cluster, TopicNames names) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> all = new ArrayList<>();
      consumer.partitionsFor(names.predictions())
          .forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
      consumer.assign(all);
      consumer.seekToBeginning(all);
      long read = 0;
      long started = System.nanoTime();
      while (read < events) {
        read += consumer.poll(Duration.ofMillis(500)).count();
      }
      return read / ((System.nanoTime() - started) / 1e9);
    }
  }

  private Consumer<StreamsBuilder> countTopology(TopicNames names) {
    return builder -> builder.stream(names.predictions(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .groupByKey()
        .count(Materialized.as("bench-count"));
  }

  /**
   * The count topology that also decodes each event with the pipeline's Avro serde: what any
   * topology reading these 20-feature events pays before doing anything with them.
   */
  private Consumer<StreamsBuilder> decodedCountTopology(Topics topics) {
    return builder -> builder.stream(topics.predictions().name(),
            Consumed.with(Serdes.String(), topics.predictions().valueSerde()))
        .groupByKey()
        .count(Materialized.as("bench-decoded-count"));
  }

  /**
   * The count topology reading what the reports topology reads, predictions and labels (no labels
   * are produced), with the reports app's Streams settings: a floor for any topology that joins
   * the two inputs in time order, before it decodes or computes anything.
   */
  private Consumer<StreamsBuilder> twoInputCountTopology(TopicNames names) {
    Consumed<String, byte[]> raw = Consumed.with(Serdes.String(), Serdes.ByteArray());
    return builder -> builder.stream(names.predictions(), raw)
        .merge(builder.stream(names.labels(), raw))
        .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
        .count(Materialized.as("bench-two-input-count"));
  }

  private Consumer<StreamsBuilder> reportsTopology(Topics topics, SimpleMeterRegistry meters,
      String labelJoin) {
    ReportsSettings settings = ReportsSettings.defaults().with(ReportsSettings.WINDOW, window)
        .with(ReportsSettings.LABEL_JOIN, labelJoin);
    return builder -> ReportsTopology.addTo(builder,
        new PipelineContext(topics, meters, Clock.systemUTC()), settings);
  }

  /** The rate and state of one topology run. */
  private record Result(double rate, double cpuMicrosPerEvent, long heapMax, long heapEnd, long stateBytes,
      long profileBytes, long journalBytes, int openWindows) {}

  private Result runTopology(LocalCluster cluster, TopicNames names, String name,
      Consumer<StreamsBuilder> topology, Map<String, Object> recommended, Path dir)
      throws Exception {
    String applicationId = "bench-" + name;
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + name).toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    props.putAll(recommended);
    String commit = options.get("commit");
    if (commit != null) {
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
          dev.modelmonitor.streams.Durations.parse(commit).toMillis());
    }
    // Any other Streams setting, for trying one out: streams.max.poll.records=250.
    options.forEach((key, value) -> {
      if (key.startsWith("streams.")) {
        props.put(key.substring("streams.".length()), value);
      }
    });
    String inflight = options.get("inflight");
    if (inflight != null) {
      props.put(StreamsConfig.producerPrefix(
          ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), Integer.parseInt(inflight));
    }
    StreamsBuilder builder = new StreamsBuilder();
    topology.accept(builder);
    Topology built = builder.build(props);
    System.gc();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
        HeapSampler heap = new HeapSampler();
        KafkaStreams streams = new KafkaStreams(built, props)) {
      Map<TopicPartition, Long> end = new HashMap<>(endOffsets(admin, names.predictions()));
      long predictions = end.values().stream().mapToLong(Long::longValue).sum();
      if (labels) {
        end.putAll(endOffsets(admin, names.labels()));
      }
      long total = end.values().stream().mapToLong(Long::longValue).sum();
      streams.start();
      while (streams.state() != KafkaStreams.State.RUNNING) {
        Thread.sleep(20);
      }
      long started = System.nanoTime();
      long committed = 0;
      long lastSaid = started;
      while (committed < total) {
        Thread.sleep(100);
        committed = committed(admin, applicationId, end.keySet());
        if (System.nanoTime() - lastSaid > 30_000_000_000L) {
          lastSaid = System.nanoTime();
          printf("  %s: %,d of %,d committed, %s%n", name, committed, total, streams.state());
        }
      }
      double rate = predictions / ((System.nanoTime() - started) / 1e9);
      double cpuMicrosPerEvent = streamThreadCpuNanos(applicationId) / 1e3 / predictions;
      long[] state = name.startsWith("reports") ? windowState(streams) : new long[4];
      return new Result(rate, cpuMicrosPerEvent, heap.maxBytes(), heap.lastBytes(),
          state[0] + state[1], state[0], state[1], (int) state[2]);
    }
  }

  /**
   * CPU time of the application's stream threads so far: a measure of per-event work that other
   * processes on the machine do not inflate, unlike the rate.
   */
  private static long streamThreadCpuNanos(String applicationId) {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(applicationId + "-")
          && thread.getName().contains("-StreamThread-")) {
        sum += Math.max(0, bean.getThreadCpuTime(thread.getId()));
      }
    }
    return sum;
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
      throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
        .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    Map<TopicPartition, Long> end = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
    return end;
  }

  private static long committed(Admin admin, String group, java.util.Set<TopicPartition> parts)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    long sum = 0;
    for (TopicPartition tp : parts) {
      OffsetAndMetadata o = offsets.get(tp);
      sum += o == null ? 0 : o.offset();
    }
    return sum;
  }

  /** Bytes in the window profile store and the journal, and the open windows (headers). */
  private static long[] windowState(KafkaStreams streams) {
    long profiles = 0;
    long headers = 0;
    ReadOnlyKeyValueStore<Bytes, byte[]> windows = streams.store(StoreQueryParameters
        .fromNameAndType(ReportStores.WINDOWS, QueryableStoreTypes.keyValueStore()));
    try (KeyValueIterator<Bytes, byte[]> all = windows.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> e = all.next();
        profiles += e.key.get().length + e.value.length;
        // Keys read [model length][model][window start][part tag][name]: one header per window.
        byte[] key = e.key.get();
        int tag = 4 + java.nio.ByteBuffer.wrap(key).getInt() + 8;
        if (key.length == tag + 1 && key[tag] == 'H') {
          headers++;
        }
      }
    }
    long journal = 0;
    ReadOnlyKeyValueStore<Bytes, byte[]> entries = streams.store(StoreQueryParameters
        .fromNameAndType(ReportStores.JOURNAL, QueryableStoreTypes.keyValueStore()));
    try (KeyValueIterator<Bytes, byte[]> all = entries.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> e = all.next();
        journal += e.key.get().length + e.value.length;
      }
    }
    return new long[] {profiles, journal, headers, 0};
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim() + " (cores "
          + Runtime.getRuntime().availableProcessors() + ")";
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
  }

  private static String kb(long bytes) {
    return String.format(Locale.ROOT, "%,.1f KB", bytes / 1e3);
  }

  private static void printf(String format, Object... args) {
    System.out.printf(Locale.ROOT, format, args);
    System.out.flush();
  }
}
