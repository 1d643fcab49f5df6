package dev.modelmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.report.ReportFixtures;
import dev.modelmonitor.report.ReportJsonRenderer;
import dev.modelmonitor.schema.ModelReport;
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
 * {@code GET /api/reports} and {@code /api/reports/{model}/{windowStart}} of a running service
 * reading reports from a real broker: three hourly windows of churn (the middle one drifted) and
 * the full bike-demand report of the middle hour.
 */
@ExtendWith(LocalClusterExtension.class)
class ReportsApiIT {
  /** Windows end in the past: the broker refuses record timestamps over an hour ahead. */
  static final Instant H0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(6));
  static final Instant H1 = H0.plus(Duration.ofHours(1));
  static final Instant H2 = H0.plus(Duration.ofHours(2));
  static final ObjectMapper JSON = new ObjectMapper();

  static ModelReport bike;
  static ReadingService service;

  @BeforeAll
  static void start(TestCluster cluster, @TempDir Path state) {
    TopicNames names = cluster.createTopics(cluster.topicNames(), 2);
    bike = ModelReport.newBuilder(ReportFixtures.bikeReport())
        .setWindowStart(H1).setWindowEnd(H2).build();
    try (TopicWriter topics = new TopicWriter(cluster, names)) {
      topics.report(ReportFixtures.small("churn", H0, false));
      topics.report(ReportFixtures.small("churn", H1, true));
      topics.report(bike);
      topics.report(ReportFixtures.small("churn", H2, false));
    }
    service = new ReadingService(cluster, names, state);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void listsReportsNewestWindowFirstWithTheirVerdicts() throws Exception {
    JsonNode body = awaitAll();

    assertThat(windows(body)).containsExactly(
        "churn@" + H2 + " WARNING", "bike-demand@" + H1 + " DRIFT", "churn@" + H1 + " DRIFT",
        "churn@" + H0 + " WARNING");
    JsonNode drifted = body.get("reports").get(2);
    assertThat(drifted.toString()).isEqualTo("{\"modelId\":\"churn\",\"windowStart\":\"" + H1
        + "\",\"windowEnd\":\"" + H2 + "\",\"events\":10,\"errors\":1,\"driftShare\":1.0,"
        + "\"datasetDrift\":true,\"status\":\"DRIFT\","
        + "\"headline\":\"Dataset drift: 1 of 1 feature drifted (100%)\","
        + "\"href\":\"/api/reports/churn/" + H1 + "\"}");
    assertThat(body.get("matched").asInt()).isEqualTo(4);
  }

  @Test
  void filtersByModelAndWindowStartAndLimits() throws Exception {
    awaitAll();

    assertThat(windows(get("/api/reports?model=churn&from=" + H1 + "&to=" + H2)))
        .containsExactly("churn@" + H1 + " DRIFT");
    assertThat(windows(get("/api/reports?model=bike-demand")))
        .containsExactly("bike-demand@" + H1 + " DRIFT");
    JsonNode limited = get("/api/reports?model=churn&limit=1");
    assertThat(windows(limited)).containsExactly("churn@" + H2 + " WARNING");
    assertThat(limited.get("matched").asInt()).isEqualTo(3);
    assertThat(windows(get("/api/reports?from=" + H2))).containsExactly("churn@" + H2 + " WARNING");
  }

  @Test
  void showsTheFullReportAsReportsShowPrintsItAnd404ForAnUnknownOne() throws Exception {
    awaitAll();

    JsonNode report = get("/api/reports/bike-demand/" + H1);
    HttpResponse<String> unknown = service.get("/api/reports/bike-demand/" + H0);

    assertThat(report).isEqualTo(JSON.readTree(new ReportJsonRenderer().render(bike)));
    assertThat(report.get("report").get("windowStart").asText()).isEqualTo(H1.toString());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"no report of model 'bike-demand' for the"
        + " window starting at " + H0 + " is held here; GET /api/reports?model=bike-demand lists"
        + " the windows held\"}");
  }

  @Test
  void aMalformedParameterIs400NamingIt() throws Exception {
    HttpResponse<String> from = service.get("/api/reports?from=yesterday");
    HttpResponse<String> limit = service.get("/api/reports?limit=-1");
    HttpResponse<String> window = service.get("/api/reports/churn/noon");

    assertThat(from.statusCode()).isEqualTo(400);
    assertThat(from.body()).isEqualTo("{\"error\":\"from must be an ISO-8601 time"
        + " (2026-11-28T10:00:00Z), a date (2026-11-28) or a duration back from now (24h) but was"
        + " 'yesterday'\"}");
    assertThat(limit.statusCode()).isEqualTo(400);
    assertThat(limit.body())
        .isEqualTo("{\"error\":\"limit must be a whole number of at least 1 but was '-1'\"}");
    assertThat(window.statusCode()).isEqualTo(400);
    assertThat(window.body()).isEqualTo("{\"error\":\"windowStart must be an ISO-8601 time such as"
        + " 2026-11-28T10:00:00Z but was 'noon'\"}");
  }

  private static JsonNode awaitAll() throws Exception {
    await("the service read the reports topic").atMost(Duration.ofSeconds(60))
        .until(() -> get("/api/reports").get("matched").asInt() == 4);
    return get("/api/reports");
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response = service.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> windows(JsonNode body) {
    List<String> windows = new ArrayList<>();
    body.get("reports").forEach(r -> windows.add(r.get("modelId").asText() + "@"
        + r.get("windowStart").asText() + " " + r.get("status").asText()));
    return windows;
  }
}
