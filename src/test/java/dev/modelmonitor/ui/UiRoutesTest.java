package dev.modelmonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.http.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UI's routes on the service's real HTTP server, over loopback HTTP. */
class UiRoutesTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path reports;
  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(reports.resolve("bike-demand"));
    Files.writeString(
        reports.resolve("bike-demand/2026-11-28T11-00-00Z.html"),
        "<!DOCTYPE html><p>the report</p>");
    Files.writeString(
        reports.resolve("bike-demand/2026-11-28T11-00-00Z.json"), "{\"modelId\":\"bike-demand\"}");
    Files.writeString(reports.resolve("index.json"), "{}");
    base = serve(new FixtureUiData());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everyPageAnswersHtmlUnderAStrictContentSecurityPolicy() throws Exception {
    for (String path :
        List.of(
            "/",
            "/models/bike-demand",
            "/alerts",
            "/alerts?model=bike-demand",
            "/alerts/" + FixtureUiData.DRIFT_ALERT,
            "/reports",
            "/reports?model=bike-demand")) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .as(path)
          .contains("text/html;charset=utf-8");
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .contains(Page.CONTENT_SECURITY_POLICY);
      assertThat(r.headers().firstValue("Cache-Control")).as(path).contains("no-store");
      assertThat(r.body())
          .as(path)
          .startsWith("<!DOCTYPE html>")
          .doesNotContain("<script")
          .doesNotContain(" src=")
          .doesNotContain("href=\"http")
          .doesNotContain("url(");
    }
  }

  @Test
  void linkOfAModelIdFullOfMarkupAndSlashesLeadsToItsPage() throws Exception {
    HttpResponse<String> r = get(Links.model(FixtureUiData.HOSTILE));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("<h1>churn &lt;b&gt;&quot;v2&quot;&lt;/b&gt; &amp; &#39;co&#39;</h1>");
  }

  @Test
  void unknownModelsAndAlertsAnswerNotFoundWithAWayBack() throws Exception {
    HttpResponse<String> model = get("/models/no-such-model");
    HttpResponse<String> alert = get("/alerts/0000");

    assertThat(model.statusCode()).isEqualTo(404);
    assertThat(model.body())
        .contains("<h1>Not found</h1>")
        .contains("Nothing is known about /models/no-such-model.")
        .contains("<a href=\"/\">Models</a>")
        .doesNotContain("http-equiv=\"refresh\"");
    assertThat(alert.statusCode()).isEqualTo(404);
  }

  @Test
  void reportFilesAreServedWithTheirTypeAndNothingElseIs() throws Exception {
    HttpResponse<String> html = get("/reports/bike-demand/2026-11-28T11-00-00Z.html");
    HttpResponse<String> json = get("/reports/bike-demand/2026-11-28T11-00-00Z.json");

    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type")).contains("text/html;charset=utf-8");
    assertThat(html.body()).isEqualTo("<!DOCTYPE html><p>the report</p>");
    assertThat(json.headers().firstValue("Content-Type"))
        .contains("application/json;charset=utf-8");
    assertThat(json.body()).isEqualTo("{\"modelId\":\"bike-demand\"}");
    assertThat(get("/reports/bike-demand/missing.html").statusCode()).isEqualTo(404);
    assertThat(get("/reports/bike-demand/..%2Findex.json").statusCode()).isEqualTo(404);
    assertThat(get("/reports/%2E%2E/index.json").statusCode()).isEqualTo(404);
  }

  @Test
  void aFailingSourceAnswersAnErrorPageNotAStackTrace() throws Exception {
    server.close();
    base =
        serve(
            new FixtureUiData() {
              @Override
              public List<ModelSummary> models() {
                throw new IllegalStateException("state store not ready");
              }
            });

    HttpResponse<String> r = get("/");

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body())
        .contains("<h1>Something went wrong</h1>")
        .contains(
            "This page could not be drawn: java.lang.IllegalStateException: state store not ready.")
        .doesNotContain("at dev.modelmonitor");
  }

  private URI serve(UiData data) {
    UiRoutes ui =
        new UiRoutes(
            data, reports, UiSettings.DEFAULTS, Clock.fixed(FixtureUiData.NOW, ZoneOffset.UTC));
    server =
        new HttpServer(
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true, List.of(ui));
    return URI.create("http://127.0.0.1:" + server.start(0));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
