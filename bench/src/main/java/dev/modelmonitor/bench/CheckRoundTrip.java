package dev.modelmonitor.bench;

import dev.modelmonitor.checks.CheckAnswerer;
import dev.modelmonitor.checks.CheckResponder;
import dev.modelmonitor.checks.ChecksSettings;
import dev.modelmonitor.checks.ChecksTopology;
import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.local.LocalCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.service.StreamsProperties;
import dev.modelmonitor.stats.NumericReferenceBuilder;
import dev.modelmonitor.streams.Durations;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Active-check round trip under load (DESIGN §7, target p99 at most 250 ms): the time from
 * sending a {@code CheckRequest} to its {@code CheckResult} being readable (read committed) on
 * the results topic, while models send a steady load of predictions. Results are read as {@code
 * model-monitor check} reads them, uncommitted ({@code --isolation read_committed} waits for the
 * transaction's commit too). Every request asks for all
 * five checks over the default 15 minute lookback of a model with a published reference, so each
 * answer merges the model's minutes and computes drift for every feature.
 *
 * <p>Everything runs in this JVM: the in-process broker and registry, the checks topology with
 * the service's checks-application properties and checks settings (built by the service's own
 * {@code StreamsProperties} from its default configuration, so a change there is measured here)
 * and its {@code CheckResponder}, the load, the requests and the results consumer. The round trip
 * includes the request's produce, the responder's fetch, the answer read from the stores, the
 * answer's produce and the consumer's fetch.
 *
 * <p>Baselines in the same run, timed from the same sends by the same consumer: the request itself
 * becoming readable on the requests topic (a plain produce and consume), and the request copied by
 * a pass-through Streams application with the checks' settings (guarantee, commit interval,
 * linger) to a topic of its own. The ratios say what the checks add to Kafka and to Streams.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.modelmonitor.bench.CheckRoundTrip \
 *     --rate 2000 --models 50 --features 20 --requests 20 --warmup 30s --duration 60s \
 *     [--isolation read_committed] [--guarantee at_least_once] [--lookback 15m] \
 *     [--set streams.threads=2,...]   (service configuration keys over the defaults)
 * </pre>
 */
public final class CheckRoundTrip {
  private final Map<String, String> options;
  private final int rate;
  private final int models;
  private final int features;
  private final int requestsPerSecond;
  private final Duration warmup;
  private final Duration duration;
  private final Duration lookback;
  private final int partitions;
  private final String isolation;
  private final Map<String, String> serviceKeys = new HashMap<>();
  private String passthroughTopic;
  /** The checks application's Streams properties, as reported. */
  private Properties config;

  private CheckRoundTrip(Map<String, String> options) {
    this.options = options;
    this.rate = intOption("rate", 2000);
    this.models = intOption("models", 50);
    this.features = intOption("features", 20);
    this.requestsPerSecond = intOption("requests", 20);
    this.warmup = Durations.parse(options.getOrDefault("warmup", "30s"));
    this.duration = Durations.parse(options.getOrDefault("duration", "60s"));
    this.lookback = Durations.parse(options.getOrDefault("lookback", "15m"));
    this.partitions = intOption("partitions", 4);
    this.isolation = options.getOrDefault("isolation", "read_uncommitted");
    if (options.containsKey("guarantee")) {
      serviceKeys.put(MonitorConfig.PROCESSING_GUARANTEE, options.get("guarantee"));
    }
    for (String pair : options.getOrDefault("set", "").split(",")) {
      if (!pair.isBlank()) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("--set takes key=value pairs but got " + pair);
        }
        serviceKeys.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
  }

  private int intOption(String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value pairs but got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    new CheckRoundTrip(options).run();
  }

  private void run() throws Exception {
    Path stateDir = Files.createTempDirectory("check-round-trip");
    try (LocalCluster cluster = LocalCluster.builder().partitions(partitions).build()) {
      cluster.start();
      Topics topics = new Topics(cluster.topicNames(),
          new HttpSchemaRegistryClient(cluster.registryUrl()));
      String passthrough = cluster.topicNames().prefix() + "bench.checks.passthrough";
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(passthrough, partitions, (short) 1))).all().get();
      }
      StreamsBuilder checks = new StreamsBuilder();
      MonitorConfig service = serviceConfig(cluster, stateDir);
      ChecksSettings settings = service.checksSettings("bench");
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      ChecksTopology.addTo(checks, new PipelineContext(topics, meters, Clock.systemUTC()),
          settings);
      StreamsBuilder pass = new StreamsBuilder();
      pass.stream(topics.names().checkRequests(),
              Consumed.with(Serdes.String(), Serdes.ByteArray()))
          .to(passthrough, Produced.with(Serdes.String(), Serdes.ByteArray()));
      KafkaStreams streams = start(cluster, checks, "check-round-trip", stateDir);
      KafkaStreams passStreams = start(cluster, pass, "check-round-trip-passthrough", stateDir);
      this.passthroughTopic = passthrough;
      // As the service runs it: requests answered beside the stream threads.
      CheckResponder responder = new CheckResponder(streams, topics, service.kafkaClientProperties(),
          "check-round-trip-responder", new CheckAnswerer(settings, meters), meters,
          service.duration(MonitorConfig.CHECKS_REQUEST_MAX_AGE));
      responder.start();
      try (responder; KafkaProducer<String, SpecificRecord> producer = producer(cluster)) {
        publishReferences(producer, topics);
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicLong produced = new AtomicLong();
        Thread load = new Thread(() -> load(producer, topics, loading, produced), "load");
        load.start();
        // Requests during the warm-up too, unmeasured: the answer path is compiled by then.
        measure(cluster, topics, warmup);
        long producedBefore = produced.get();
        Measurement m = measure(cluster, topics, duration);
        double eventRate = (produced.get() - producedBefore) / (m.seconds);
        loading.set(false);
        load.join();
        report(m, eventRate);
        threadMetrics("checks application", streams);
        threadMetrics("pass-through application", passStreams);
      } finally {
        passStreams.close(Duration.ofSeconds(30));
        streams.close(Duration.ofSeconds(30));
      }
    }
  }

  private MonitorConfig serviceConfig(LocalCluster cluster, Path stateDir) {
    Map<String, Object> values = new HashMap<>(serviceKeys);
    values.put(MonitorConfig.KAFKA_BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    values.put(MonitorConfig.STATE_DIR, stateDir.toString());
    values.put(MonitorConfig.TOPICS_REPLICATION_FACTOR, (short) 1);
    return MonitorConfig.of(values);
  }

  /**
   * Starts {@code builder}'s topology with the service's checks-application properties ({@link
   * StreamsProperties#checks}), so the harness measures what the service runs: its guarantee,
   * commit interval, producer linger and stream threads. {@code --set key=value,...} passes
   * service keys (e.g. {@code streams.threads=2}) to compare.
   */
  private KafkaStreams start(LocalCluster cluster, StreamsBuilder builder, String applicationId,
      Path stateDir) {
    Properties props = StreamsProperties.checks(serviceConfig(cluster, stateDir), null);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config = props;
    KafkaStreams streams = new KafkaStreams(builder.build(props), props);
    streams.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(applicationId + " did not start: " + streams.state());
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    return streams;
  }

  private static KafkaProducer<String, SpecificRecord> producer(LocalCluster cluster) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new StringSerializer(),
        new AvroSerializer<>(new HttpSchemaRegistryClient(cluster.registryUrl())));
  }

  private String model(int i) {
    return "model-" + i;
  }

  private void publishReferences(KafkaProducer<String, SpecificRecord> producer, Topics topics) {
    SplittableRandom random = new SplittableRandom(1);
    for (int m = 0; m < models; m++) {
      List<FeatureProfile> profiles = new ArrayList<>();
      for (int f = 0; f < features; f++) {
        NumericReferenceBuilder builder = new NumericReferenceBuilder();
        for (int row = 0; row < 1000; row++) {
          builder.add(gaussian(random));
        }
        profiles.add(builder.build().toAvro("f" + f));
      }
      ReferenceProfile reference = ReferenceProfile.newBuilder().setModelId(model(m))
          .setCreatedAt(Instant.now()).setSource("bench").setRowCount(1000)
          .setFeatures(profiles).build();
      producer.send(new ProducerRecord<>(topics.names().reference(), model(m), reference));
    }
    producer.flush();
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private void load(KafkaProducer<String, SpecificRecord> producer, Topics topics,
      AtomicBoolean loading, AtomicLong produced) {
    SplittableRandom random = new SplittableRandom(2);
    Instance instance = Instance.newBuilder().setId("bench-pod").build();
    long interval = 1_000_000_000L / rate;
    long next = System.nanoTime();
    long n = 0;
    while (loading.get()) {
      String model = model((int) (n % models));
      Map<String, Object> values = new HashMap<>();
      for (int f = 0; f < features; f++) {
        values.put("f" + f, gaussian(random));
      }
      boolean error = random.nextInt(100) == 0;
      PredictionEvent event = PredictionEvent.newBuilder().setModelId(model)
          .setModelVersion("v1").setTimestamp(Instant.now()).setInstance(instance)
          .setRequestId(model + "-" + n).setFeatures(values)
          .setPrediction(random.nextBoolean())
          .setLatencyMicros(1000L + random.nextInt(20_000))
          .setOutcome(error ? Outcome.ERROR : Outcome.OK).build();
      producer.send(new ProducerRecord<>(topics.names().predictions(), model, event));
      produced.incrementAndGet();
      n++;
      next += interval;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }
  }

  /** Sends requests at the configured rate for {@code duration}; times each until its result. */
  private Measurement measure(LocalCluster cluster, Topics topics, Duration duration)
      throws Exception {
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> sentAtMillis = new ConcurrentHashMap<>();
    Map<String, Long> requestSentAt = new ConcurrentHashMap<>();
    Map<String, Long> passSentAt = new ConcurrentHashMap<>();
    List<Long> roundTrips = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Long> requestTrips = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Long> passTrips = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Long> toAnswer = java.util.Collections.synchronizedList(new ArrayList<>());
    Map<String, Integer> statuses = new TreeMap<>();
    AtomicBoolean reading = new AtomicBoolean(true);
    Properties consumerProps = new Properties();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    consumerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
    // One consumer reads the results and both baselines, so all three see the same fetch path.
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps,
        new StringDeserializer(), new ByteArrayDeserializer());
    Deserializer<CheckResult> results = topics.checkResults().valueSerde().deserializer();
    Deserializer<CheckRequest> requestsRead = topics.checkRequests().valueSerde().deserializer();
    List<TopicPartition> assigned = new ArrayList<>();
    for (String topic : List.of(topics.names().checkResults(), topics.names().checkRequests(),
        passthroughTopic)) {
      consumer.partitionsFor(topic)
          .forEach(p -> assigned.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(assigned);
    consumer.seekToEnd(assigned);
    assigned.forEach(consumer::position);
    Thread reader = new Thread(() -> {
      while (reading.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          long received = System.nanoTime();
          if (r.topic().equals(topics.names().checkResults())) {
            Long sent = sentAt.remove(r.key());
            Long sentMillis = sentAtMillis.remove(r.key());
            if (sent != null) {
              CheckResult result = results.deserialize(r.topic(), r.value());
              roundTrips.add(received - sent);
              toAnswer.add((result.getAnsweredAt().toEpochMilli() - sentMillis) * 1_000_000);
              synchronized (statuses) {
                statuses.merge(result.getStatus().name(), 1, Integer::sum);
              }
            }
          } else {
            boolean direct = r.topic().equals(topics.names().checkRequests());
            String id = requestsRead.deserialize(r.topic(), r.value()).getRequestId();
            Long sent = (direct ? requestSentAt : passSentAt).remove(id);
            if (sent != null) {
              (direct ? requestTrips : passTrips).add(received - sent);
            }
          }
        }
      }
      consumer.close();
    }, "results");
    reader.start();

    Properties producerProps = new Properties();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    int sent = 0;
    long started = System.nanoTime();
    try (KafkaProducer<String, CheckRequest> requests = new KafkaProducer<>(producerProps,
        new StringSerializer(), topics.checkRequests().valueSerde().serializer())) {
      long interval = 1_000_000_000L / requestsPerSecond;
      long next = started;
      while (System.nanoTime() - started < duration.toNanos()) {
        String model = model(sent % models);
        CheckRequest request = CheckRequest.newBuilder()
            .setRequestId("bench-" + System.nanoTime() + "-" + sent)
            .setModelId(model).setLookbackSeconds(lookback.toSeconds())
            .setRequestedAt(Instant.now()).setRequestedBy("bench").build();
        sentAtMillis.put(request.getRequestId(), System.currentTimeMillis());
        long now = System.nanoTime();
        requestSentAt.put(request.getRequestId(), now);
        passSentAt.put(request.getRequestId(), now);
        sentAt.put(request.getRequestId(), now);
        requests.send(new ProducerRecord<>(topics.names().checkRequests(), model, request));
        sent++;
        next += interval;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long drainUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while ((!sentAt.isEmpty() || !requestSentAt.isEmpty() || !passSentAt.isEmpty())
        && System.nanoTime() < drainUntil) {
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    reading.set(false);
    reader.join();
    return new Measurement(sent, sorted(roundTrips), sorted(toAnswer), sorted(requestTrips),
        sorted(passTrips), statuses, sentAt.size(), seconds);
  }

  private static long[] sorted(List<Long> values) {
    synchronized (values) {
      return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }
  }

  /**
   * @param toAnswerNanos from sending a request to the responder answering it (wall clock, ms
   *     resolution): the rest is producing the result and the consumer's fetch
   * @param requestNanos baseline: from sending a request to reading it on the requests topic
   * @param passNanos baseline: from sending a request to reading its pass-through copy
   */
  private record Measurement(int sent, long[] roundTripNanos, long[] toAnswerNanos,
      long[] requestNanos, long[] passNanos, Map<String, Integer> statuses, int unanswered,
      double seconds) {}

  /**
   * Where the stream threads' time went over Streams' last metrics window (about the measured
   * minute): the share of time polling, processing and committing, and the longest commit and
   * poll, which say whether a request waited behind work or behind a stall.
   */
  private static void threadMetrics(String label, KafkaStreams streams) {
    Map<String, Double> values = new TreeMap<>();
    streams.metrics().forEach((name, metric) -> {
      if (name.group().equals("stream-thread-metrics")
          && List.of("poll-ratio", "process-ratio", "commit-ratio", "punctuate-ratio",
              "commit-latency-avg", "commit-latency-max", "poll-latency-max",
              "process-latency-max").contains(name.name())
          && metric.metricValue() instanceof Double value && !value.isNaN()) {
        values.merge(name.name(), value, Math::max);
      }
    });
    StringBuilder line = new StringBuilder("  ").append(label).append(" stream threads (max"
        + " over threads):");
    values.forEach((name, value) -> line.append(' ').append(name).append(' ')
        .append(name.endsWith("ratio") ? String.format(Locale.ROOT, "%.2f", value)
            : String.format(Locale.ROOT, "%.1f ms", value)));
    System.out.println(line);
  }

  private void report(Measurement m, double eventRate) {
    System.out.printf(Locale.ROOT, "check round trip under load (the service's checks "
        + "application: %s, commit.interval.ms %s, %s stream threads, producer linger.ms %s; "
        + "results read %s)%n", config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG),
        config.getOrDefault(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "default (100 with "
            + "exactly-once, else 30000)"),
        config.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG),
        config.get(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG)), isolation);
    System.out.printf(Locale.ROOT, "  load: %d models x %d numeric features, %d events/s "
        + "offered, %.0f events/s produced; %d partitions%n", models, features, rate, eventRate,
        partitions);
    System.out.printf(Locale.ROOT, "  requests: %d over %.0f s (%d/s), all checks, lookback %s;"
        + " %d answered, %d unanswered; %s%n", m.sent, m.seconds, requestsPerSecond,
        Durations.format(lookback), m.roundTripNanos.length, m.unanswered, m.statuses);
    long[] t = m.roundTripNanos;
    if (t.length == 0) {
      System.out.println("  no answers");
      return;
    }
    System.out.printf(Locale.ROOT, "  round trip ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f"
        + "  (mean %.1f)%n", pct(t, 0.50), pct(t, 0.90), pct(t, 0.99), t[t.length - 1] / 1e6,
        Arrays.stream(t).average().orElse(0) / 1e6);
    long[] a = m.toAnswerNanos;
    System.out.printf(Locale.ROOT, "  of which send to answered (the result's answeredAt) ms: p50 %.0f"
        + "  p90 %.0f  p99 %.0f%n", pct(a, 0.50), pct(a, 0.90), pct(a, 0.99));
    baseline("baseline, request readable on the requests topic (produce -> consume)",
        m.requestNanos, t);
    baseline("baseline, request through a pass-through topology (same Streams settings)",
        m.passNanos, t);
  }

  private static void baseline(String label, long[] b, long[] checks) {
    if (b.length == 0) {
      System.out.println("  " + label + ": no samples");
      return;
    }
    System.out.printf(Locale.ROOT, "  %s: n %d, ms p50 %.1f  p90 %.1f  p99 %.1f  max %.1f;"
        + " check / baseline: p50 %.2f, p99 %.2f%n", label, b.length, pct(b, 0.50),
        pct(b, 0.90), pct(b, 0.99), b[b.length - 1] / 1e6, pct(checks, 0.50) / pct(b, 0.50),
        pct(checks, 0.99) / pct(b, 0.99));
  }

  /** Nearest-rank percentile in milliseconds. */
  private static double pct(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
