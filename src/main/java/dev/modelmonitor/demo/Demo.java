package dev.modelmonitor.demo;

import dev.modelmonitor.alerts.rules.RuleParser;
import dev.modelmonitor.alerts.rules.RulesTopic;
import dev.modelmonitor.client.CheckClient;
import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.csv.ColumnType;
import dev.modelmonitor.csv.CsvSource;
import dev.modelmonitor.csv.RowFilter;
import dev.modelmonitor.notifier.config.ChannelSettings;
import dev.modelmonitor.notifier.config.NotifierConfig;
import dev.modelmonitor.producer.DropPolicy;
import dev.modelmonitor.producer.ModelMonitor;
import dev.modelmonitor.reference.ReferenceProfiler;
import dev.modelmonitor.reports.ReportsTopology;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.CheckType;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.service.MonitorService;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code model-monitor demo}: the whole pipeline on a local cluster, watching a simulated
 * containerized model app that drifts, fails and recovers on a script. Alerts print as the
 * notifier delivers them, reports land in the reports directory, an active check is answered
 * and printed, and the UI serves it all.
 */
public final class Demo {
  public static final String MODEL = "bike-demand";
  /** How long the summary waits for reports emitted but not yet in the reports directory. */
  private static final Duration REPORTS_SETTLE = Duration.ofSeconds(5);
  static final Map<String, ColumnType> TYPES =
      Map.of("season", ColumnType.CATEGORICAL, "weathersit", ColumnType.CATEGORICAL,
          "holiday", ColumnType.CATEGORICAL, "workingday", ColumnType.CATEGORICAL);

  /** How the demo runs. */
  public record Settings(Duration duration, int pods, double eventsPerSecondPerPod, Path reportsDir,
      Path workDir, int httpPort) {}

  private final Settings settings;
  private final PrintWriter out;
  private final BiConsumer<CheckResult, Long> checkPrinter;

  /**
   * @param checkPrinter prints an answered check with its round-trip time in ms
   */
  public Demo(Settings settings, PrintWriter out, BiConsumer<CheckResult, Long> checkPrinter) {
    this.settings = settings;
    this.out = out;
    this.checkPrinter = checkPrinter;
  }

  /** The service configuration of the demo, on top of the local cluster's connection keys. */
  public Map<String, Object> serviceConfig(Map<String, Object> connection) {
    Map<String, Object> values = new HashMap<>(connection);
    values.put(MonitorConfig.TOPICS_CREATE, false);
    values.put(MonitorConfig.HTTP_PORT, settings.httpPort());
    values.put(MonitorConfig.STATE_DIR, settings.workDir().resolve("state").toString());
    values.put(MonitorConfig.REPORTS_DIR, settings.reportsDir().toString());
    values.put(MonitorConfig.REPORTS_WINDOW, "1m");
    values.put(MonitorConfig.REPORTS_GRACE, "5s");
    values.put(MonitorConfig.LABELS_MAX_DELAY, "10s");
    values.put(MonitorConfig.ALERTS_DEFAULT_RULES, false);
    values.put(MonitorConfig.APPLICATION_ID, "model-monitor-demo");
    return values;
  }

  /** The notifier prints every alert on standard output. */
  public static MonitorService.Options serviceOptions() {
    return new MonitorService.Options(
        Optional.of(NotifierConfig.logOnly(ChannelSettings.LogOutput.STDOUT)));
  }

  /** Plays the scenario against a started service; returns when the duration is over. */
  public void run(MonitorService service) throws IOException, InterruptedException {
    MonitorConfig config = service.config();
    Properties kafka = config.kafkaClientProperties();
    Topics topics = service.context().topics();

    BikeData data = BikeData.load();
    DemandModel model = new DemandModel(data.year2011());
    ReferenceProfile reference = publishReference(data, model, kafka, topics);
    out.printf("reference published for %s: %d rows of 2011, %d features%n",
        MODEL, reference.getRowCount(), reference.getFeatures().size());
    applyRules(kafka, topics);

    Scenario scenario = new Scenario(settings.duration());
    long start = System.nanoTime();
    List<SimulatedPod> pods = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 1; i <= settings.pods(); i++) {
      int number = i;
      SimulatedPod pod =
          new SimulatedPod(number, () -> monitor(config, number), model, data, TYPES, scenario,
              settings.eventsPerSecondPerPod(), start);
      pods.add(pod);
      Thread thread = new Thread(pod, "demo-pod-" + number);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    out.printf("%d pods of %s serving ~%.0f predictions/s; UI at http://localhost:%d%n%n",
        settings.pods(), MODEL, settings.pods() * settings.eventsPerSecondPerPod(),
        service.httpPort());
    out.flush();

    try (CheckClient checks = new CheckClient(kafka, topics, Duration.ofSeconds(30))) {
      checks.start();
      Duration checkAt = scenario.at(Scenario.DRIFT).plusSeconds(30);
      boolean checked = false;
      int step = 0;
      while (true) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        while (step < Scenario.STEPS.size() && !elapsed.minus(scenario.at(Scenario.STEPS.get(step).at())).isNegative()) {
          out.printf("[%s] ▶ %s%n", clock(elapsed), Scenario.STEPS.get(step).title());
          out.flush();
          step++;
        }
        if (!checked && elapsed.compareTo(checkAt) >= 0) {
          checked = true;
          check(checks, elapsed);
        }
        if (elapsed.compareTo(scenario.duration()) >= 0) {
          break;
        }
        Thread.sleep(200);
      }
      // Asked while the pods still serve: after recovery, before they shut down.
      check(checks, Duration.ofNanos(System.nanoTime() - start));
      pods.forEach(SimulatedPod::stop);
      for (Thread t : threads) {
        t.join(10_000);
      }
    }
    summary(service, pods);
  }

  private ModelMonitor monitor(MonitorConfig config, int pod) {
    String name = MODEL + "-7d9f8-" + "abcxyz".charAt(pod % 6) + pod;
    return ModelMonitor.builder()
        .bootstrapServers(config.getString(MonitorConfig.KAFKA_BOOTSTRAP_SERVERS))
        .schemaRegistryUrl(config.getString(MonitorConfig.SCHEMA_REGISTRY_URL))
        .topicPrefix(config.getString(MonitorConfig.TOPICS_PREFIX))
        .modelId(MODEL)
        .modelVersion("2011.1")
        .image("registry.example/bike-demand:2011.1")
        .environment(Map.of("POD_NAME", name, "POD_NAMESPACE", "demo", "NODE_NAME", "node-" + (1 + pod % 2), "HOSTNAME", name))
        .heartbeatInterval(Duration.ofSeconds(2))
        .resourceSampleInterval(Duration.ofSeconds(5))
        .dropPolicy(DropPolicy.DROP_OLDEST)
        // Each pod is its own process in real life, with its own metrics.
        .meterRegistry(new SimpleMeterRegistry())
        .build();
  }

  private ReferenceProfile publishReference(BikeData data, DemandModel model, Properties kafka, Topics topics)
      throws IOException, InterruptedException {
    Path file = data.writeReference(settings.workDir().resolve("reference-2011.csv"), model);
    ReferenceProfiler profiler =
        new ReferenceProfiler(BikeData.FEATURES, "prediction", BikeData.LABEL, TYPES, 0.0, Clock.systemUTC());
    ReferenceProfile reference =
        profiler.profile(MODEL, new CsvSource(file, RowFilter.all()), ReferenceProfiler.Listener.NONE).reference();
    try (KafkaProducer<String, SpecificRecord> producer =
        new KafkaProducer<>(kafka, new StringSerializer(), new AvroSerializer<>(topics.registry()))) {
      producer.send(new ProducerRecord<>(topics.names().reference(), MODEL, reference)).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot publish the demo reference: " + e.getCause().getMessage(), e);
    }
    return reference;
  }

  private void applyRules(Properties kafka, Topics topics) throws IOException {
    try (InputStream in = Demo.class.getResourceAsStream("/demo/demo-rules.yaml")) {
      RulesTopic rules = new RulesTopic(kafka, topics.rules(), Duration.ofSeconds(30));
      RulesTopic.Applied applied = rules.publish(RuleParser.parse(in, "demo-rules.yaml"), false);
      out.printf("rules in force: %s%n", String.join(", ", concat(applied.added(), applied.changed(), applied.unchanged())));
    }
  }

  private void check(CheckClient checks, Duration elapsed) throws InterruptedException {
    CheckRequest request =
        CheckRequest.newBuilder()
            .setRequestId(UUID.randomUUID().toString())
            .setModelId(MODEL)
            .setChecks(List.of(CheckType.HEALTH, CheckType.DRIFT, CheckType.LATENCY))
            .setLookbackSeconds(60)
            .setRequestedBy("demo")
            .setRequestedAt(Instant.now())
            .build();
    out.printf("%n[%s] ? active check: is %s fine over the last minute? (health, drift, latency)%n",
        clock(elapsed), MODEL);
    long sent = System.nanoTime();
    try {
      CheckResult result = checks.ask(request, Duration.ofSeconds(10));
      checkPrinter.accept(result, (System.nanoTime() - sent) / 1_000_000);
    } catch (TimeoutException e) {
      out.println("  no answer within 10 s");
    }
    out.println();
    out.flush();
  }

  private void summary(MonitorService service, List<SimulatedPod> pods)
      throws IOException, InterruptedException {
    List<Alert> alerts = service.alertLog().latest();
    long firing = alerts.stream().filter(a -> a.getStatus() == AlertStatus.FIRING).count();
    long reports = reportFiles();
    // A report reaches the directory after the reports app's next commit and the follower's next
    // poll: wait for those emitted before the pods stopped, so the count says what is on disk.
    long deadline = System.nanoTime() + REPORTS_SETTLE.toNanos();
    while (reports < reportsEmitted(service) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      reports = reportFiles();
    }
    out.printf("%ndemo over: %d predictions served, %d alerts raised (%d still firing), %d HTML reports in %s%n",
        pods.stream().mapToLong(SimulatedPod::served).sum(), alerts.size(), firing, reports,
        settings.reportsDir().toAbsolutePath().normalize());
    out.flush();
  }

  private long reportFiles() throws IOException {
    if (!Files.isDirectory(settings.reportsDir())) {
      return 0;
    }
    try (var files = Files.walk(settings.reportsDir())) {
      return files.filter(p -> p.toString().endsWith(".html")
          && !p.getFileName().toString().equals("index.html")).count();
    }
  }

  private static double reportsEmitted(MonitorService service) {
    return service.meters().find(ReportsTopology.REPORTS_METRIC).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  private static String clock(Duration elapsed) {
    return String.format("%d:%02d", elapsed.toMinutes(), elapsed.toSecondsPart());
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> l : lists) {
      all.addAll(l);
    }
    return all;
  }
}
