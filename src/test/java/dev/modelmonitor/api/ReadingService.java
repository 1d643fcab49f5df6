package dev.modelmonitor.api;

import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.service.MonitorService;
import dev.modelmonitor.topic.TopicNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The service with its Streams applications, notifier and ingest switched off: what remains reads
 * the alerts and reports topics and serves HTTP, which is what the read APIs need.
 */
final class ReadingService implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final MonitorService service;

  ReadingService(TestCluster cluster, TopicNames names, Path state) {
    Map<String, Object> values = new HashMap<>();
    values.put(MonitorConfig.KAFKA_BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    values.put(MonitorConfig.SCHEMA_REGISTRY_URL, cluster.registryUrl());
    values.put(MonitorConfig.TOPICS_PREFIX, names.prefix());
    values.put(MonitorConfig.TOPICS_CREATE, false);
    values.put(MonitorConfig.HTTP_PORT, 0);
    values.put(MonitorConfig.STATE_DIR, state.toString());
    values.put(MonitorConfig.APPLICATION_ID, cluster.uniqueName("reading"));
    values.put(MonitorConfig.ALERTS_ENABLED, false);
    values.put(MonitorConfig.REPORTS_ENABLED, false);
    values.put(MonitorConfig.CHECKS_ENABLED, false);
    values.put(MonitorConfig.NOTIFIER_ENABLED, false);
    values.put(MonitorConfig.INGEST_ENABLED, false);
    service = new MonitorService(MonitorConfig.of(values));
    service.start();
  }

  /** GET {@code path} on the service's HTTP server. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + service.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    service.close();
  }
}
