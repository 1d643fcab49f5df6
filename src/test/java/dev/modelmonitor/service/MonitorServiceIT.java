package dev.modelmonitor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.alerts.rules.DefaultRules;
import dev.modelmonitor.alerts.rules.Rule;
import dev.modelmonitor.alerts.rules.RulesTopic;
import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.serde.AvroDeserializer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service end to end on the real broker: health, ingest over HTTP into the topics, rules
 * from a file and the defaults, a failing model alerted, checked, shown in the API and the UI
 * and in the per-model gauges, and {@code /metrics} as a real Prometheus scrapes it and as
 * {@code promtool} checks it.
 */
@ExtendWith(LocalClusterExtension.class)
class MonitorServiceIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static MonitorService service;
  private static TestCluster cluster;
  private static String base;

  @BeforeAll
  static void start(TestCluster testCluster, @TempDir Path state) throws IOException {
    cluster = testCluster;
    Path rules = Files.writeString(state.resolve("rules.yaml"), """
        rules:
          - id: it-error-rate
            model: failing
            metric: error_rate
            window: 1m
            op: ">"
            threshold: 0.5
            severity: critical
            params: {min_events: 20}
            summary: "{{model}}: {{value}} of requests fail"
        """);
    Map<String, Object> values =
        ServiceOnCluster.settings(cluster, state, cluster.uniqueName("service"));
    values.put(MonitorConfig.ALERTS_RULES_FILE, rules.toString());
    service = new MonitorService(MonitorConfig.of(values));
    service.start();
    base = "http://localhost:" + service.httpPort();
    await("service ready").atMost(Duration.ofSeconds(90)).until(service::isReady);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void answersLivenessAndReadiness() throws Exception {
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void ingestsJsonPredictionsOntoTheTopicAsAvro() throws Exception {
    String body =
        "[{\"modelId\":\"ingest-model\",\"requestId\":\"r-1\",\"features\":{\"age\":41,\"plan\":\"pro\"},"
            + "\"prediction\":\"stay\",\"latencyMicros\":7000},"
            + "{\"modelId\":\"ingest-model\",\"requestId\":\"r-2\",\"features\":{\"tags\":[1,2]}}]";

    HttpResponse<String> response = post("/ingest/v1/predictions", body);

    assertThat(response.statusCode()).isEqualTo(207);
    assertThat(response.body()).contains("\"accepted\":1").contains("\"rejected\":1").contains("\"index\":1");
    assertThat(readPredictions(1)).singleElement().satisfies(e -> {
      assertThat(e.getRequestId()).isEqualTo("r-1");
      assertThat(e.getFeatures()).containsEntry("age", 41L).containsEntry("plan", "pro");
    });
  }

  /** The model's predictions in its last and current minute, as {@code /api/models/{id}} reads them. */
  private static long committedPredictions(String model) throws Exception {
    HttpResponse<String> response = get("/api/models/" + model);
    if (response.statusCode() != 200) {
      return -1;
    }
    JsonNode overview = new ObjectMapper().readTree(response.body());
    return overview.path("lastMinute").path("predictions").asLong()
        + overview.path("currentMinute").path("predictions").asLong();
  }

  @Test
  void aFailingModelIsAlertedCheckedAndShownInTheApiUiAndMetrics() throws Exception {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 30; i++) {
      body.append(i == 0 ? "" : ",").append("{\"modelId\":\"failing\",\"features\":{\"x\":").append(i)
          .append("},\"outcome\":\"ERROR\",\"error\":\"BoomException\",\"latencyMicros\":5000,")
          .append("\"instance\":{\"id\":\"pod-a\"}}");
    }
    assertThat(post("/ingest/v1/predictions", body.append("]").toString()).statusCode()).isEqualTo(200);

    await("the rules file's rule fired").atMost(Duration.ofSeconds(60))
        .until(() -> service.alertLog().open("failing"), open -> !open.isEmpty());
    assertThat(service.alertLog().open("failing")).singleElement().satisfies(alert -> {
      assertThat(alert.getRuleId()).isEqualTo("it-error-rate");
      assertThat(alert.getValue()).isEqualTo(1.0);
      assertThat(alert.getUrl()).isEqualTo(base + "/alerts/" + alert.getAlertId());
      assertThat(get("/alerts/" + alert.getAlertId()).body()).contains("it-error-rate").contains("BoomException");
    });

    // Answers read the checks' stores as of their last commit: wait until it holds all 30.
    await("the checks topology committed the model's predictions").atMost(Duration.ofSeconds(60))
        .until(() -> committedPredictions("failing") == 30);
    HttpResponse<String> check = post("/api/checks", "{\"modelId\":\"failing\",\"checks\":[\"HEALTH\"]}");
    assertThat(check.statusCode()).isEqualTo(200);
    assertThat(check.body()).contains("\"status\":\"FAIL\"").contains("\"metric\":\"error_rate\",\"value\":1.0");
    assertThat(get("/").body()).contains("href=\"/models/failing\"");

    await("the per-model open-alerts gauge").atMost(Duration.ofSeconds(30))
        .until(() -> get("/metrics").body(), m -> m.contains("modelmonitor_model_alerts_open{model=\"failing\"} 1.0"));
  }

  @Test
  void publishesTheDefaultRulesNextToTheRulesFile() {
    RulesTopic.InForce inForce =
        new RulesTopic(service.config().kafkaClientProperties(), service.context().topics().rules(), Duration.ofSeconds(30))
            .read();
    assertThat(inForce.rules().keySet())
        .contains("it-error-rate")
        .containsAll(DefaultRules.load().stream().map(Rule::id).toList());
  }

  @Test
  void servesMetricsThatPromtoolAcceptsAndPrometheusScrapes(@TempDir Path dir) throws Exception {
    post("/ingest/v1/predictions", "[{\"modelId\":\"scraped\",\"features\":{}}]");
    String metrics = get("/metrics").body();
    assertThat(metrics).contains("modelmonitor_ingest_records_total").contains("jvm_memory_used_bytes")
        .contains("kafka_stream_thread_").contains("kafka_producer_");

    PrometheusProcess.requireInstalled(PrometheusProcess.PROMTOOL);
    Path file = Files.writeString(dir.resolve("metrics.txt"), metrics);
    Process promtool =
        new ProcessBuilder(PrometheusProcess.PROMTOOL.toString(), "check", "metrics")
            .redirectInput(file.toFile()).redirectErrorStream(true).start();
    String lint = new String(promtool.getInputStream().readAllBytes());
    assertThat(promtool.waitFor()).as("promtool check metrics: " + lint).isZero();

    try (PrometheusProcess prometheus = new PrometheusProcess(dir, "localhost:" + service.httpPort())) {
      await("Prometheus scraped the ingest counter")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> prometheus.query("modelmonitor_ingest_records_total{kind=\"predictions\",result=\"accepted\"}"),
              answer -> answer.contains("\"result\":[{") && answer.contains("\"job\":\"model-monitor\""));
      assertThat(prometheus.query("up{job=\"model-monitor\"}")).contains("\"1\"]");
    }
  }

  private static List<PredictionEvent> readPredictions(int expected) {
    Properties props = new Properties();
    props.putAll(cluster.clientProperties());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, cluster.uniqueName("reader"));
    List<PredictionEvent> events = new ArrayList<>();
    try (KafkaConsumer<String, PredictionEvent> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(),
            new AvroDeserializer<>(new HttpSchemaRegistryClient(cluster.registryUrl()), PredictionEvent.class))) {
      consumer.subscribe(List.of(cluster.topicNames().predictions()));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if ("ingest-model".equals(r.key())) {
            events.add(r.value());
          }
        });
        return events.size() >= expected;
      });
    }
    return events;
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
