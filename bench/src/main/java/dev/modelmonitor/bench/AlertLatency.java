package dev.modelmonitor.bench;

import dev.modelmonitor.alerts.AlertsSettings;
import dev.modelmonitor.alerts.AlertsTopology;
import dev.modelmonitor.alerts.rules.DefaultRules;
import dev.modelmonitor.alerts.rules.Rule;
import dev.modelmonitor.alerts.rules.RuleParser;
import dev.modelmonitor.alerts.rules.RulesTopic;
import dev.modelmonitor.local.LocalCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.streams.Durations;
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
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Alert latency under load (DESIGN §7): the time from producing a prediction that breaks a rule
 * to the FIRING alert being visible to a consumer of the alerts topic, while background models
 * send a steady load of predictions (5,000 a second by default) that the default rule set
 * evaluates. In the same run, the same probe events also pass through a trivial pass-through
 * topology with the same Streams settings: its latency is the floor, and the ratio says what
 * the alert logic adds.
 *
 * <p>Each probe is an error of a probe model that has sent nothing for 5 s, which breaks the probe
 * rule ({@code error_rate > 0.5} over 1 s, any model) at once; in between, the probe's alert
 * resolves. Probe models are a pool of five seconds' worth, so the model count stays fixed.
 * Everything runs in this JVM: the in-process broker and registry, both Streams applications,
 * the load and the consumers.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.modelmonitor.bench.AlertLatency \
 *     --rate 5000 --probes 20 --warmup 20s --duration 60s
 * </pre>
 */
public final class AlertLatency {
  private static final String PROBE_RULE = """
      rules:
        - id: bench-probe
          metric: error_rate
          window: 1s
          op: ">"
          threshold: 0.5
          severity: critical
      """;

  private final Map<String, String> options;
  private final List<Long> alertMicros = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> passMicros = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean measuring = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong background = new AtomicLong();

  private AlertLatency(Map<String, String> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    new AlertLatency(options(args)).run();
    System.exit(0);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("options are --name value pairs: --rate 5000 --probes 20"
            + " --warmup 20s --duration 60s --models 50 --features 10 --partitions 4; got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private int intOption(String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }

  private void run() throws Exception {
    int rate = intOption("rate", 5000);
    int probesPerSecond = intOption("probes", 20);
    int models = intOption("models", 50);
    int features = intOption("features", 10);
    int partitions = intOption("partitions", 4);
    Duration warmup = Durations.parse(options.getOrDefault("warmup", "20s"));
    Duration duration = Durations.parse(options.getOrDefault("duration", "60s"));

    Path stateDir = Files.createTempDirectory("alert-latency");
    try (LocalCluster cluster =
        LocalCluster.builder().kafkaPort(0).registryPort(0).partitions(partitions).build()) {
      cluster.start();
      TopicNames names = cluster.topicNames();
      String passthrough = names.prefix() + "bench.passthrough";
      Properties clients = new Properties();
      clients.putAll(cluster.clientProperties());
      try (Admin admin = Admin.create(clients)) {
        admin.createTopics(List.of(new NewTopic(passthrough, partitions, (short) 1))).all().get();
      }
      HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(cluster.registryUrl());
      Topics topics = new Topics(names, registry);
      List<Rule> rules = new ArrayList<>(DefaultRules.load());
      rules.addAll(RuleParser.parse(PROBE_RULE, "probe"));
      new RulesTopic(clients, topics.rules(), Duration.ofSeconds(30)).publish(rules, false);

      Map<String, Object> streamsConfig = AlertsTopology.recommendedStreamsConfig();
      AlertsSettings settings = AlertsSettings.defaults();
      StreamsBuilder alertsBuilder = new StreamsBuilder();
      AlertsTopology.addTo(alertsBuilder,
          new PipelineContext(topics, new SimpleMeterRegistry(), Clock.systemUTC()), settings);
      StreamsBuilder passBuilder = new StreamsBuilder();
      passBuilder.stream(names.predictions(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
          .to(passthrough, Produced.with(Serdes.String(), Serdes.ByteArray()));

      System.out.printf("alert latency benchmark: %d events/s over %d models with %d features, %d probes/s,"
          + " %d partitions, warm-up %s, measured %s%n", rate, models, features, probesPerSecond, partitions,
          Durations.format(warmup), Durations.format(duration));
      System.out.println("streams config (both applications): " + streamsConfig);
      System.out.println("alerts settings: " + settings);
      System.out.println("rules: the " + DefaultRules.load().size() + " default rules + bench-probe");

      try (KafkaStreams alerts = streams(alertsBuilder, clients, streamsConfig, "bench-alerts", stateDir);
          KafkaStreams pass = streams(passBuilder, clients, streamsConfig, "bench-passthrough", stateDir)) {
        alerts.start();
        pass.start();
        awaitRunning(alerts, pass);
        List<Thread> threads = new ArrayList<>();
        threads.add(thread("alerts-consumer", () -> consumeAlerts(clients, topics)));
        threads.add(thread("passthrough-consumer", () -> consumePassthrough(clients, passthrough)));
        threads.add(thread("load", () -> load(clients, registry, names, rate, models, features)));
        threads.add(thread("probes", () -> probes(clients, registry, names, probesPerSecond)));
        threads.forEach(Thread::start);

        sleep(warmup);
        alertMicros.clear();
        passMicros.clear();
        long loadStart = background.get();
        long measureStart = System.nanoTime();
        measuring.set(true);
        sleep(duration);
        measuring.set(false);
        double achieved = (background.get() - loadStart) / ((System.nanoTime() - measureStart) / 1e9);
        running.set(false);
        for (Thread t : threads) {
          t.join(10_000);
        }
        report(achieved);
      }
      registry.close();
    }
  }

  private static KafkaStreams streams(StreamsBuilder builder, Properties clients, Map<String, Object> config,
      String applicationId, Path stateDir) {
    Properties props = new Properties();
    props.putAll(clients);
    props.putAll(config);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    return new KafkaStreams(builder.build(props), props);
  }

  private static void awaitRunning(KafkaStreams... apps) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    for (KafkaStreams app : apps) {
      while (app.state() != KafkaStreams.State.RUNNING) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Streams application did not reach RUNNING: " + app.state());
        }
        Thread.sleep(50);
      }
    }
  }

  private static Thread thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  private static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  /** Steady background predictions: {@code rate} a second round-robin over the models. */
  private void load(Properties clients, HttpSchemaRegistryClient registry, TopicNames names, int rate,
      int models, int features) {
    Properties props = new Properties();
    props.putAll(clients);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    SplittableRandom random = new SplittableRandom(42);
    try (KafkaProducer<String, PredictionEvent> producer =
        new KafkaProducer<>(props, new StringSerializer(), new AvroSerializer<>(registry))) {
      long start = System.nanoTime();
      long n = 0;
      while (running.get()) {
        String model = "model-" + (n % models);
        Map<String, Object> values = new HashMap<>();
        for (int f = 0; f < features; f++) {
          values.put("f" + f, f % 3 == 0 ? (Object) ("c" + random.nextInt(5)) : (Object) random.nextDouble());
        }
        Instant now = Instant.now();
        PredictionEvent e = PredictionEvent.newBuilder()
            .setModelId(model)
            .setModelVersion("1")
            .setTimestamp(now)
            .setRequestId("bg-" + n)
            .setFeatures(values)
            .setPrediction(random.nextBoolean() ? "yes" : "no")
            .setLatencyMicros(1000L + random.nextInt(20_000))
            .setOutcome(Outcome.OK)
            .build();
        producer.send(new ProducerRecord<>(names.predictions(), null, now.toEpochMilli(), model, e));
        n++;
        background.incrementAndGet();
        long due = start + (long) (n * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }
  }

  /** A probe: an error of a probe model quiet for 5 s, so the probe rule fires at once. */
  private void probes(Properties clients, HttpSchemaRegistryClient registry, TopicNames names, int perSecond) {
    Properties props = new Properties();
    props.putAll(clients);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    try (KafkaProducer<String, PredictionEvent> producer =
        new KafkaProducer<>(props, new StringSerializer(), new AvroSerializer<>(registry))) {
      long start = System.nanoTime();
      long n = 0;
      while (running.get()) {
        String model = "probe-" + (n % (5L * perSecond));
        Instant now = Instant.now();
        PredictionEvent e = PredictionEvent.newBuilder()
            .setModelId(model)
            .setModelVersion("1")
            .setTimestamp(now)
            .setRequestId("probe-" + n)
            .setLatencyMicros(5_000L)
            .setOutcome(Outcome.ERROR)
            .setError("ProbeError")
            .build();
        producer.send(new ProducerRecord<>(names.predictions(), null, now.toEpochMilli(), model, e));
        n++;
        long due = start + (long) (n * 1e9 / perSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }
  }

  private void consumeAlerts(Properties clients, Topics topics) {
    try (KafkaConsumer<String, Alert> consumer =
        new KafkaConsumer<>(consumerProps(clients), new StringDeserializer(), topics.alerts().valueSerde().deserializer())) {
      consumer.subscribe(List.of(topics.names().alerts()));
      while (running.get()) {
        for (ConsumerRecord<String, Alert> r : consumer.poll(Duration.ofMillis(100))) {
          long received = System.currentTimeMillis();
          Alert a = r.value();
          // The probe model's clock is its probe's event time, so the alert starts at it.
          if (a.getStatus() == AlertStatus.FIRING && a.getRuleId().equals("bench-probe")) {
            sample(a.getStartsAt().toEpochMilli(), received, alertMicros);
          }
        }
      }
    }
  }

  private void consumePassthrough(Properties clients, String topic) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(consumerProps(clients), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          long received = System.currentTimeMillis();
          if (r.key() != null && r.key().startsWith("probe-")) {
            sample(r.timestamp(), received, passMicros);
          }
        }
      }
    }
  }

  /** Produce time (the event's timestamp, this JVM's clock) to receipt, in µs at ms resolution. */
  private void sample(long sentMillis, long receivedMillis, List<Long> into) {
    if (measuring.get()) {
      into.add((receivedMillis - sentMillis) * 1000);
    }
  }

  private static Properties consumerProps(Properties clients) {
    Properties props = new Properties();
    props.putAll(clients);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    return props;
  }

  private void report(double achievedRate) {
    List<Long> alerts = sorted(alertMicros);
    List<Long> pass = sorted(passMicros);
    System.out.printf(Locale.ROOT, "background load: %.0f events/s achieved%n", achievedRate);
    System.out.println(line("produce -> FIRING alert visible ", alerts));
    System.out.println(line("produce -> pass-through visible ", pass));
    if (!alerts.isEmpty() && !pass.isEmpty()) {
      System.out.printf(Locale.ROOT, "ratio alert / pass-through: p50 %.2f, p99 %.2f%n",
          (double) percentile(alerts, 0.5) / percentile(pass, 0.5),
          (double) percentile(alerts, 0.99) / percentile(pass, 0.99));
    }
  }

  private static List<Long> sorted(List<Long> samples) {
    synchronized (samples) {
      List<Long> copy = new ArrayList<>(samples);
      Collections.sort(copy);
      return copy;
    }
  }

  /** Nearest rank. */
  private static long percentile(List<Long> sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static String line(String label, List<Long> sorted) {
    if (sorted.isEmpty()) {
      return label + ": no samples";
    }
    return String.format(Locale.ROOT, "%s: n %d, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", label,
        sorted.size(), percentile(sorted, 0.5) / 1000.0, percentile(sorted, 0.9) / 1000.0,
        percentile(sorted, 0.99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
  }
}
