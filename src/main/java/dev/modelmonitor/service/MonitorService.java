package dev.modelmonitor.service;

import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.http.HttpServer;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.registry.SchemaRegistryClient;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
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

  private final MonitorConfig config;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final SchemaRegistryClient registry;
  private final PipelineContext context;
  private final List<StreamsApp> apps = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private HttpServer http;
  private int httpPort = -1;

  public MonitorService(MonitorConfig config) {
    this.config = config;
    this.registry = new HttpSchemaRegistryClient(config.getString(MonitorConfig.SCHEMA_REGISTRY_URL));
    Topics topics = new Topics(new TopicNames(config.getString(MonitorConfig.TOPICS_PREFIX)), registry);
    this.context = new PipelineContext(topics, meters, Clock.systemUTC());
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

  /** Starts every enabled part; returns when they are started (not necessarily ready). */
  public synchronized void start() {
    if (config.getBoolean(MonitorConfig.HTTP_ENABLED)) {
      http = new HttpServer(meters, this::isReady, List.of());
      httpPort = http.start(config.getInt(MonitorConfig.HTTP_PORT));
      log.info("HTTP on port {}", httpPort);
    }
    String server = applicationServer();
    List<TopologyPart> alerts = new ArrayList<>();
    List<TopologyPart> analytics = new ArrayList<>();
    startApp("alerts", alerts, StreamsProperties.alerts(config, server));
    startApp("analytics", analytics, StreamsProperties.analytics(config, server));
  }

  private void startApp(String name, List<TopologyPart> parts, Properties properties) {
    if (parts.isEmpty()) {
      return;
    }
    StreamsBuilder builder = new StreamsBuilder();
    parts.forEach(part -> part.accept(builder, context));
    Topology topology = builder.build(properties);
    StreamsApp app = new StreamsApp(name, topology, properties, meters);
    apps.add(app);
    app.start();
    log.info("started Kafka Streams application {}", name);
  }

  /** Ready when every Streams application is RUNNING. */
  public boolean isReady() {
    return apps.stream().allMatch(StreamsApp::isRunning);
  }

  /** The HTTP port bound, or -1 when HTTP is off. */
  public int httpPort() {
    return httpPort;
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
    for (StreamsApp app : apps) {
      app.close();
    }
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.warn("error while closing {}", closeable, e);
      }
    }
    if (http != null) {
      http.close();
    }
    registry.close();
    meters.close();
  }
}
