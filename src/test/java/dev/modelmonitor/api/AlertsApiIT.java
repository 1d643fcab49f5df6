package dev.modelmonitor.api;

import static dev.modelmonitor.schema.AlertStatus.FIRING;
import static dev.modelmonitor.schema.AlertStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.notifier.TestAlerts;
import dev.modelmonitor.topic.TopicNames;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/alerts} of a running service reading alert transitions of two models from a
 * real broker: bike-demand's error-rate alert fired and resolved, then its latency alert fired;
 * churn's drift and version alerts fired.
 */
@ExtendWith(LocalClusterExtension.class)
class AlertsApiIT {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final Instant T1 = NOW.minus(Duration.ofMinutes(50));
  static final Instant T2 = NOW.minus(Duration.ofMinutes(40));
  static final Instant T3 = NOW.minus(Duration.ofMinutes(20));
  static final Instant T4 = NOW.minus(Duration.ofMinutes(10));
  static final Instant T5 = NOW.minus(Duration.ofMinutes(5));
  static final ObjectMapper JSON = new ObjectMapper();

  static ReadingService service;

  @BeforeAll
  static void start(TestCluster cluster, @TempDir Path state) {
    TopicNames names = cluster.createTopics(cluster.topicNames(), 2);
    try (TopicWriter topics = new TopicWriter(cluster, names)) {
      topics.alert(TestAlerts.transition("a1", "bike-demand", "default-error-rate", "critical",
          FIRING, T1, T1, "bike-demand error rate 0.125 > 0.05"));
      topics.alert(TestAlerts.transition("c7", "churn", "default-data-drift", "warning",
          FIRING, T2, T2, "churn: 6 of 10 features drifted"));
      topics.alert(TestAlerts.transition("a1", "bike-demand", "default-error-rate", "critical",
          RESOLVED, T1, T3, "bike-demand error rate 0.01 > 0.05"));
      topics.alert(TestAlerts.transition("a2", "bike-demand", "default-latency-p99", "warning",
          FIRING, T4, T4, "bike-demand p99 latency 1200 ms > 1000"));
      topics.alert(TestAlerts.transition("c8", "churn", "default-version-change", "info",
          FIRING, T5, T5, "churn version 4 started serving"));
    }
    service = new ReadingService(cluster, names, state);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void listsEveryTransitionNewestFirstInTheWebhookShape() throws Exception {
    JsonNode body = awaitAll();

    assertThat(ids(body)).containsExactly(
        "c8 FIRING", "a2 FIRING", "a1 RESOLVED", "c7 FIRING", "a1 FIRING");
    JsonNode resolved = body.get("alerts").get(2);
    assertThat(resolved.get("alertId").asText()).isEqualTo("a1");
    assertThat(resolved.get("ruleId").asText()).isEqualTo("default-error-rate");
    assertThat(resolved.get("modelId").asText()).isEqualTo("bike-demand");
    assertThat(resolved.get("severity").asText()).isEqualTo("critical");
    assertThat(resolved.get("status").asText()).isEqualTo("RESOLVED");
    assertThat(resolved.get("metric").asText()).isEqualTo("error_rate");
    assertThat(resolved.get("value").asDouble()).isEqualTo(0.01);
    assertThat(resolved.get("threshold").asDouble()).isEqualTo(0.05);
    assertThat(resolved.get("startsAt").asText()).isEqualTo(T1.toString());
    assertThat(resolved.get("endsAt").asText()).isEqualTo(T3.toString());
    assertThat(resolved.get("emittedAt").asText()).isEqualTo(T3.toString());
    assertThat(resolved.get("summary").asText()).isEqualTo("bike-demand error rate 0.01 > 0.05");
    assertThat(resolved.get("labels").toString())
        .isEqualTo("{\"model\":\"bike-demand\",\"severity\":\"critical\"}");
    assertThat(resolved.get("url").asText()).isEqualTo("http://localhost:8080/alerts/a1");
    assertThat(body.get("matched").asInt()).isEqualTo(5);
  }

  @Test
  void filtersByModelAndStatusWhereOpenMeansFiringAndNotResolvedSince() throws Exception {
    awaitAll();

    assertThat(ids(get("/api/alerts?model=bike-demand")))
        .containsExactly("a2 FIRING", "a1 RESOLVED", "a1 FIRING");
    assertThat(ids(get("/api/alerts?status=firing")))
        .containsExactly("c8 FIRING", "a2 FIRING", "c7 FIRING", "a1 FIRING");
    assertThat(ids(get("/api/alerts?status=resolved"))).containsExactly("a1 RESOLVED");
    assertThat(ids(get("/api/alerts?status=open")))
        .containsExactly("c8 FIRING", "a2 FIRING", "c7 FIRING");
    assertThat(ids(get("/api/alerts?status=OPEN&model=bike-demand"))).containsExactly("a2 FIRING");
    assertThat(ids(get("/api/alerts?model=nobody"))).isEmpty();
  }

  @Test
  void limitKeepsTheNewestAndCountsEveryMatch() throws Exception {
    awaitAll();

    JsonNode body = get("/api/alerts?limit=2");

    assertThat(ids(body)).containsExactly("c8 FIRING", "a2 FIRING");
    assertThat(body.get("matched").asInt()).isEqualTo(5);
  }

  @Test
  void aMalformedParameterIs400NamingIt() throws Exception {
    HttpResponse<String> status = service.get("/api/alerts?status=maybe");
    HttpResponse<String> negative = service.get("/api/alerts?limit=-1");
    HttpResponse<String> text = service.get("/api/alerts?limit=ten");

    assertThat(status.statusCode()).isEqualTo(400);
    assertThat(status.body())
        .isEqualTo("{\"error\":\"status must be firing, resolved or open but was 'maybe'\"}");
    assertThat(negative.statusCode()).isEqualTo(400);
    assertThat(negative.body())
        .isEqualTo("{\"error\":\"limit must be a whole number of at least 1 but was '-1'\"}");
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(text.body())
        .isEqualTo("{\"error\":\"limit must be a whole number of at least 1 but was 'ten'\"}");
    assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  /** The whole list, once the service has read all five transitions. */
  private static JsonNode awaitAll() throws Exception {
    await("the service read the alerts topic").atMost(Duration.ofSeconds(60))
        .until(() -> get("/api/alerts").get("matched").asInt() == 5);
    return get("/api/alerts");
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response = service.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> ids(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.get("alerts")
        .forEach(a -> ids.add(a.get("alertId").asText() + " " + a.get("status").asText()));
    return ids;
  }
}
