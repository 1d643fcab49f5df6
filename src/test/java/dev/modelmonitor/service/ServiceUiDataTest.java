package dev.modelmonitor.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.checks.ModelQueries;
import dev.modelmonitor.http.HttpServer;
import dev.modelmonitor.ui.UiRoutes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The UI of a service reading its model API over HTTP, as {@link MonitorService} wires it: the
 * API answers with the checks API's records (one model, two minutes, two error types) and
 * records which series it was asked for.
 */
class ServiceUiDataTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String MODEL = "bike-demand";

  private final List<String> seriesAsked = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @BeforeEach
  void start() {
    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    ModelQueries.MinutePoint last = point(minute.minusSeconds(60), 40, 4);
    ModelQueries.MinutePoint current = point(minute, 10, 0);
    ModelQueries.ModelOverview overview = new ModelQueries.ModelOverview(MODEL,
        minute.minusSeconds(600).toString(), "READY", null, null, "v1", null, false, List.of(),
        last, current);
    HttpServer.Routes modelApi = app -> {
      app.get("/api/models", ctx -> ctx.contentType("application/json").result(
          ModelApi.JSON.writeValueAsString(Map.of("models", List.of(overview),
              "instances", List.of(), "unreachable", List.of()))));
      app.get("/api/models/{id}/series", ctx -> {
        seriesAsked.add(ctx.pathParam("id") + "?lookback=" + ctx.queryParam("lookback"));
        ctx.contentType("application/json").result(ModelApi.JSON.writeValueAsString(Map.of(
            "modelId", MODEL, "lookback", ctx.queryParam("lookback"),
            "points", List.of(last, current),
            "errorTypes", Map.of("ValueError", 3, "TimeoutError", 1))));
      });
    };
    server = new HttpServer(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true,
        List.of(modelApi, new UiRoutes(new ServiceUiData(new ModelApi(() -> server.port()),
            new AlertLog(10), new ReportBook(10), null, Duration.ofHours(24)), null)));
    server.start(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static ModelQueries.MinutePoint point(Instant minute, long predictions, long errors) {
    return new ModelQueries.MinutePoint(minute.toString(), predictions, predictions / 60.0,
        errors, (double) errors / predictions, 20.0, 80.0, null, 0);
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  @Test
  void theModelPageReadsTheModelsSeriesOnceForItsChartsAndErrorTypes() throws Exception {
    String page = get("/models/" + MODEL);

    assertThat(seriesAsked).containsExactly(MODEL + "?lookback=1h");
    assertThat(page).contains("ValueError").contains("TimeoutError")
        .contains("failed predictions per error type, last 60 min");
  }

  @Test
  void theOverviewReadsEachModelsSeriesOnce() throws Exception {
    String page = get("/");

    assertThat(seriesAsked).containsExactly(MODEL + "?lookback=1h");
    assertThat(page).contains("href=\"/models/" + MODEL + "\"");
  }
}
