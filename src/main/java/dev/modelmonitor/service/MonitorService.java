package dev.modelmonitor.service;

import dev.modelmonitor.alerts.AlertsSettings;
import dev.modelmonitor.alerts.AlertsTopology;
import dev.modelmonitor.alerts.rules.DefaultRules;
import dev.modelmonitor.alerts.rules.Rule;
import dev.modelmonitor.alerts.rules.RulesTopic;
import dev.modelmonitor.api.AlertsApi;
import dev.modelmonitor.api.ChecksApi;
import dev.modelmonitor.api.ReportsApi;
import dev.modelmonitor.checks.CheckAnswerer;
import dev.modelmonitor.checks.CheckResponder;
import dev.modelmonitor.checks.ChecksSettings;
import dev.modelmonitor.checks.ChecksTopology;
import dev.modelmonitor.client.CheckClient;
import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.http.HttpServer;
import dev.modelmonitor.http.IngestRoutes;
import dev.modelmonitor.local.TopicCreator;
import dev.modelmonitor.notifier.ModelNotifier;
import dev.modelmonitor.notifier.config.NotifierConfig;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.registry.SchemaRegistryClient;
import dev.modelmonitor.report.ReportDirectoryWriter;
import dev.modelmonitor.report.ReportExporter;
import dev.modelmonitor.report.ReportFormat;
import dev.modelmonitor.reports.ReportsSettings;
import dev.modelmonitor.reports.ReportsTopology;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import dev.modelmonitor.ui.UiRoutes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running pipeline: the Kafka Streams applications, the notifier and the HTTP endpoint, each
 * switchable off by configuration so parts can be deployed separately. Several instances with the
 * same {@code application.id} share the work through Kafka Streams' group protocol.
 */
public final class MonitorService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MonitorService.class);

  /** Adds a part of a topology (alerts, reports, checks) to a builder. */
  @FunctionalInterface
  public interface TopologyPart extends BiConsumer<StreamsBuilder, PipelineContext> {}

  private static final String ALERTS = "alerts";
  private static final String REPORTS = "reports";
  private static final String CHECKS = "checks";

  /**
   * Reports held for the reports API, oldest windows forgotten first: a day of hourly windows of
   * 80 models, bounded because a report with its sketches can take tens of kilobytes.
   */
  private static final int REPORTS_HELD = 2_000;

  private final MonitorConfig config;
  private final Options options;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final SchemaRegistryClient registry;
  private final PipelineContext context;
  private final AlertLog alertLog = new AlertLog(2_000);
  private final Map<String, StreamsApp> apps = new HashMap<>();
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  /** Closed before the Streams applications: they read their stores. */
  private final Deque<AutoCloseable> readersOfApps = new ArrayDeque<>();
  private final ReportBook reportBook = new ReportBook(REPORTS_HELD);
  private HttpServer http;
  private int httpPort = -1;

  /** What a caller of the service may swap: the notifier configuration (the demo prints to stdout). */
  public record Options(Optional<NotifierConfig> notifier) {
    public static Options defaults() {
      return new Options(Optional.empty());
    }
  }

  public MonitorService(MonitorConfig config) {
    this(config, Options.defaults());
  }

  public MonitorService(MonitorConfig config, Options options) {
    this.config = config;
    this.options = options;
    this.registry = new HttpSchemaRegistryClient(config.getString(MonitorConfig.SCHEMA_REGISTRY_URL));
    Topics topics = new Topics(new TopicNames(config.getString(MonitorConfig.TOPICS_PREFIX)), registry);
    this.context = new PipelineContext(topics, meters, Clock.systemUTC());
    // promtool lints these two (an abbreviated unit, a _count suffix); process_cpu_usage and
    // system_cpu_usage carry the same information.
    meters.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
    meters.config().meterFilter(MeterFilter.denyNameStartsWith("system.cpu.count"));
    meters.config().meterFilter(new KafkaMetricFilter());
    meters.config().namingConvention(new KafkaMetricNames(meters.config().namingConvention()));
    new JvmMemoryMetrics().bindTo(meters);
    new JvmGcMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
  }

  public MonitorConfig config() {
    return config;
  }

  public PipelineContext context() {
    return context;
  }

  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** The alerts this instance has seen (for the UI, the API and the open-alert gauges). */
  public AlertLog alertLog() {
    return alertLog;
  }

  /** Starts every enabled part; returns when they are started (not necessarily ready). */
  public synchronized void start() {
    // Fail on a bad notifier or rules file before anything starts.
    Optional<NotifierConfig> notifierConfig = notifierConfig();
    List<Rule> rules = ConfigFiles.rules(config);
    if (config.getBoolean(MonitorConfig.TOPICS_CREATE)) {
      createTopics();
    }
    Properties kafka = config.kafkaClientProperties();
    if (config.getBoolean(MonitorConfig.CHECKS_ENABLED)) {
      verifyCoPartitioned();
    }
    TopicFollower<dev.modelmonitor.schema.Alert> alerts =
        new TopicFollower<>(context.topics().alerts(), kafka, Duration.ofDays(1), alertLog);
    alerts.start();
    closeables.push(alerts);
    ReportExporter exporter = followReports(kafka);
    if (config.getBoolean(MonitorConfig.HTTP_ENABLED)) {
      http = new HttpServer(meters, this::isReady, routes(exporter));
      httpPort = http.start(config.getInt(MonitorConfig.HTTP_PORT));
      closeables.push(http);
      log.info("HTTP on port {}", httpPort);
    }
    registerModelGauges();
    if (config.getBoolean(MonitorConfig.ALERTS_ENABLED)) {
      publishRules(kafka, rules);
    }
    if (notifierConfig.isPresent()) {
      Properties notifierKafka = config.kafkaClientProperties();
      notifierKafka.put("group.id", config.getString(MonitorConfig.APPLICATION_ID) + "-notifier");
      ModelNotifier notifier = new ModelNotifier(notifierConfig.get(), context.topics(), notifierKafka, meters);
      notifier.start();
      closeables.push(notifier);
    }
    String server = applicationServer();
    startApp(ALERTS, alertsParts(), StreamsProperties.alerts(config, server));
    startApp(REPORTS, reportsParts(), StreamsProperties.reports(config, server));
    startApp(CHECKS, checksParts(), StreamsProperties.checks(config, server));
    startCheckResponder();
  }

  /** Answers check requests from the checks application's stores, beside its stream threads. */
  private void startCheckResponder() {
    StreamsApp checks = apps.get(CHECKS);
    if (checks == null) {
      return;
    }
    String groupId = config.getString(MonitorConfig.APPLICATION_ID)
        + StreamsProperties.CHECKS_SUFFIX + "-responder";
    CheckResponder responder = new CheckResponder(checks.streams(), context.topics(),
        config.kafkaClientProperties(), groupId, new CheckAnswerer(checksSettings(), meters),
        meters, config.duration(MonitorConfig.CHECKS_REQUEST_MAX_AGE));
    responder.start();
    readersOfApps.push(responder);
  }

  /**
   * Follows the reference and reports topics for the UI and, when {@code reports.dir} is set,
   * writes every report (HTML and JSON) there with its reference; returns that directory's
   * exporter, or null.
   */
  private ReportExporter followReports(Properties kafka) {
    String dir = config.getString(MonitorConfig.REPORTS_DIR);
    ReportExporter exporter = dir.isBlank() ? null
        : new ReportExporter(Path.of(dir), EnumSet.of(ReportFormat.HTML, ReportFormat.JSON));
    ReportDirectoryWriter writer = exporter == null ? null : new ReportDirectoryWriter(exporter);
    BiConsumer<String, ReferenceProfile> onReference = writer == null
        ? reportBook.references() : reportBook.references().andThen(writer.references());
    TopicFollower<ReferenceProfile> references =
        new TopicFollower<>(context.topics().reference(), kafka, Duration.ofDays(3650), onReference);
    references.start();
    closeables.push(references);
    // Draw each report against its reference: let the compacted topic be read first.
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!references.caughtUp() && System.nanoTime() < until) {
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
    }
    BiConsumer<String, ModelReport> onReport =
        writer == null ? reportBook.reports() : reportBook.reports().andThen(writer);
    TopicFollower<ModelReport> reports =
        new TopicFollower<>(context.topics().reports(), kafka, Duration.ofDays(1), onReport);
    reports.start();
    closeables.push(reports);
    return exporter;
  }

  /**
   * Puts the default rules an operator has not touched and the rules file's rules on the rules
   * topic, where the alerts topology reads (and hot-reloads) them.
   */
  private void publishRules(Properties kafka, List<Rule> fromFile) {
    RulesTopic topic = new RulesTopic(kafka, context.topics().rules(), Duration.ofSeconds(30));
    if (config.getBoolean(MonitorConfig.ALERTS_DEFAULT_RULES)) {
      List<String> added = topic.publishMissing(DefaultRules.load());
      if (!added.isEmpty()) {
        log.info("default rules added to {}: {}", context.topics().rules().name(), added);
      }
    }
    if (!fromFile.isEmpty()) {
      RulesTopic.Applied applied = topic.publish(fromFile, false);
      log.info("rules file {}: added {}, changed {}, unchanged {}",
          config.getString(MonitorConfig.ALERTS_RULES_FILE), applied.added(), applied.changed(),
          applied.unchanged());
    }
  }

  private void verifyCoPartitioned() {
    Map<String, Object> admin = new HashMap<>();
    config.kafkaClientProperties().forEach((k, v) -> admin.put((String) k, v));
    try (Admin client = Admin.create(admin)) {
      ChecksTopology.verifyCoPartitioned(client, context.topics().names(), Duration.ofSeconds(30));
    }
  }

  private Optional<NotifierConfig> notifierConfig() {
    if (config.getBoolean(MonitorConfig.NOTIFIER_ENABLED) && options.notifier().isPresent()) {
      return options.notifier();
    }
    return ConfigFiles.notifier(config);
  }

  private void createTopics() {
    Map<String, Object> admin = new HashMap<>();
    config.kafkaClientProperties().forEach((k, v) -> admin.put((String) k, v));
    TopicCreator.Result result =
        new TopicCreator(admin, Duration.ofSeconds(30))
            .create(
                context.topics().names(),
                Optional.of(config.getInt(MonitorConfig.TOPICS_PARTITIONS)),
                Optional.of(config.getShort(MonitorConfig.TOPICS_REPLICATION_FACTOR)));
    if (!result.created().isEmpty()) {
      log.info("created topics {}", result.created());
    }
  }

  private List<HttpServer.Routes> routes(ReportExporter exporter) {
    List<HttpServer.Routes> routes = new ArrayList<>();
    if (config.getBoolean(MonitorConfig.INGEST_ENABLED)) {
      IngestRoutes ingest = new IngestRoutes(config.kafkaClientProperties(), context.topics(), meters);
      closeables.push(ingest);
      routes.add(ingest);
    }
    if (config.getBoolean(MonitorConfig.CHECKS_ENABLED)) {
      CheckClient checks = new CheckClient(config.kafkaClientProperties(), context.topics(), Duration.ofSeconds(30));
      checks.start();
      closeables.push(checks);
      Duration maxLookback = config.duration(MonitorConfig.CHECKS_MAX_LOOKBACK);
      routes.add(new ChecksApi(this::checksStreams, this::applicationServer, checks, alertLog::open, maxLookback));
    }
    routes.add(new AlertsApi(alertLog::transitions));
    routes.add(new ReportsApi(reportBook::all));
    // Without the checks the pages still list alerts and reports; models need the checks' stores.
    routes.add(new UiRoutes(
        new ServiceUiData(new ModelApi(this::httpPort), alertLog, reportBook, exporter,
            config.duration(MonitorConfig.CHECKS_MAX_LOOKBACK)),
        exporter == null ? null : exporter.directory()));
    return routes;
  }

  private KafkaStreams checksStreams() {
    StreamsApp app = apps.get(CHECKS);
    return app == null ? null : app.streams();
  }

  private List<TopologyPart> alertsParts() {
    if (!config.getBoolean(MonitorConfig.ALERTS_ENABLED)) {
      return List.of();
    }
    AlertsSettings settings = config.alertsSettings(uiBaseUrl());
    return List.of((builder, ctx) -> AlertsTopology.addTo(builder, ctx, settings));
  }

  private List<TopologyPart> reportsParts() {
    if (!config.getBoolean(MonitorConfig.REPORTS_ENABLED)) {
      return List.of();
    }
    ReportsSettings settings = config.reportsSettings();
    return List.of((builder, ctx) -> ReportsTopology.addTo(builder, ctx, settings));
  }

  private List<TopologyPart> checksParts() {
    if (!config.getBoolean(MonitorConfig.CHECKS_ENABLED)) {
      return List.of();
    }
    ChecksSettings settings = checksSettings();
    return List.of((builder, ctx) -> ChecksTopology.addTo(builder, ctx, settings));
  }

  /** The checks' settings; results name this instance's address, else the application id. */
  private ChecksSettings checksSettings() {
    String server = applicationServer();
    return config.checksSettings(
        server == null ? config.getString(MonitorConfig.APPLICATION_ID) : server);
  }

  /** Where alert links point: {@code ui.base-url}, else this instance's HTTP address. */
  private String uiBaseUrl() {
    String advertised = config.getString(MonitorConfig.HTTP_ADVERTISED_URL);
    if (!advertised.isBlank()) {
      return advertised.replaceAll("/+$", "");
    }
    return httpPort > 0 ? "http://localhost:" + httpPort : "";
  }

  private void registerModelGauges() {
    Gauge.builder("modelmonitor.alerts.open", alertLog, l -> l.open(null).size())
        .description("Alerts currently firing, all models")
        .register(meters);
    ModelGauges perModel = new ModelGauges(meters, this::checksStreams, alertLog);
    perModel.start(5);
    closeables.push(perModel);
  }

  private void startApp(String name, List<TopologyPart> parts, Properties properties) {
    if (parts.isEmpty()) {
      return;
    }
    StreamsBuilder builder = new StreamsBuilder();
    parts.forEach(part -> part.accept(builder, context));
    Topology topology = builder.build(properties);
    StreamsApp app = new StreamsApp(name, topology, properties, meters,
        config.getBoolean(MonitorConfig.LEAVE_GROUP_ON_CLOSE));
    apps.put(name, app);
    app.start();
    log.info("started Kafka Streams application {}", name);
  }

  /** Ready when every Streams application is RUNNING. */
  public boolean isReady() {
    return apps.values().stream().allMatch(StreamsApp::isRunning);
  }

  /** The HTTP port bound, or -1 when HTTP is off. */
  public int httpPort() {
    return httpPort;
  }

  /** A running Streams application by name ({@code alerts}, {@code reports}, {@code checks}), for queries. */
  public Optional<StreamsApp> app(String name) {
    return Optional.ofNullable(apps.get(name));
  }

  private String applicationServer() {
    String advertised = config.getString(MonitorConfig.HTTP_ADVERTISED_URL);
    if (!advertised.isBlank()) {
      return advertised.replaceFirst("^https?://", "").replaceAll("/+$", "");
    }
    return httpPort > 0 ? "localhost:" + httpPort : null;
  }

  @Override
  public synchronized void close() {
    // The check responder stops answering (and lets go of its request partitions) before the
    // checks app's stores go away under it.
    List<AutoCloseable> order = new ArrayList<>(readersOfApps);
    readersOfApps.clear();
    order.addAll(apps.values());
    apps.clear();
    order.addAll(closeables);
    closeables.clear();
    for (AutoCloseable closeable : order) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.warn("error while closing {}", closeable, e);
      }
    }
    registry.close();
    meters.close();
  }
}
