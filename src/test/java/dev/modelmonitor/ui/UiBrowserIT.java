package dev.modelmonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.browser.HeadlessChromium;
import dev.modelmonitor.http.HttpServer;
import dev.modelmonitor.report.ReportExporter;
import dev.modelmonitor.report.ReportFixtures;
import dev.modelmonitor.report.ReportFormat;
import dev.modelmonitor.report.ReportHtmlRenderer;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.ui.chart.Palette;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI in headless Chromium, served by the real {@link HttpServer} over HTTP from the fixture
 * scene: pages load, their SVG charts are in the DOM Chromium built, and the links on an alert page
 * lead to the elements that show its cause (on the model page and in the report file). Screenshots
 * are kept in {@code target/screenshots/ui-*.png}; the README's {@code docs/ui-*.png} are copies of
 * them.
 */
class UiBrowserIT {
  static final Path OUT = Path.of("target", "screenshots");

  @TempDir static Path reports;

  static HttpServer server;
  static URI base;
  static HeadlessChromium chromium;

  @BeforeAll
  static void startTheUi() throws Exception {
    FixtureUiData data = new FixtureUiData();
    ModelReport bike = data.latestReport(FixtureUiData.BIKE).orElseThrow();
    new ReportExporter(reports, EnumSet.of(ReportFormat.HTML, ReportFormat.JSON))
        .export(bike, ReportFixtures.bikeReference());
    UiRoutes ui =
        new UiRoutes(
            data, reports, UiSettings.DEFAULTS, Clock.fixed(FixtureUiData.NOW, ZoneOffset.UTC));
    server =
        new HttpServer(
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true, List.of(ui));
    base = URI.create("http://127.0.0.1:" + server.start(0));
    Files.createDirectories(OUT);
    chromium = HeadlessChromium.find(OUT.resolve("chromium"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void overviewLoadsWithEveryModelAndItsTrendSparklines() {
    String dom = chromium.dumpDom(base.resolve("/"));

    assertThat(dom).contains("<title>Models · model-monitor</title>");
    assertThat(count(dom, "<tr data-model=")).isEqualTo(3);
    assertThat(count(dom, "<svg[^>]*class=\"mm-chart mm-sparkline\""))
        .as("two trends per model")
        .isEqualTo(6);
    assertThat(dom).contains("href=\"/models/bike-demand\"");
  }

  @Test
  void modelPageDrawsItsTimeSeriesErrorTypesAndEveryFeatureDistribution() throws Exception {
    String dom = chromium.dumpDom(base.resolve("/models/bike-demand"));

    assertThat(count(dom, "<svg[^>]*class=\"mm-chart mm-line\""))
        .as("throughput, errors, latency, drift")
        .isEqualTo(4);
    assertThat(count(dom, "<svg[^>]*class=\"mm-chart mm-hbars\"")).as("error types, drift by feature").isEqualTo(2);
    assertThat(count(dom, "<svg[^>]*class=\"mm-chart mm-bars\""))
        .as("12 features and the prediction")
        .isEqualTo(13);
    assertThat(count(dom, "<rect[^>]*class=\"bar\"[^>]*data-series=\"reference\""))
        .isGreaterThan(100);

    Path png = OUT.resolve("ui-model.png");
    Files.deleteIfExists(png);
    chromium.screenshot(base.resolve("/models/bike-demand"), png, 1280, 1700);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(1700);
  }

  @Test
  void driftAlertLinksLeadToTheDriftedFeaturesChartAndTheReport() throws Exception {
    String dom = chromium.dumpDom(base.resolve("/alerts/" + FixtureUiData.DRIFT_ALERT));
    List<String> causes = hrefs(dom, "data-cause=\"DRIFT\"");
    String temp = ReportHtmlRenderer.anchor("temp");

    assertThat(causes.get(0)).isEqualTo("/models/bike-demand#" + temp);
    String model = chromium.dumpDom(base.resolve(causes.get(0)));
    assertThat(model)
        .containsPattern(
            "<article class=\"feature\" id=\""
                + Pattern.quote(temp)
                + "\" data-feature=\"temp\"><header>.*?</header><svg[^>]*class=\"mm-chart"
                + " mm-bars\"");

    String report =
        causes.stream().filter(h -> h.startsWith("/reports/")).findFirst().orElseThrow();
    assertThat(report).isEqualTo("/reports/bike-demand/2026-11-28T11-00-00Z.html#" + temp);
    String reportDom = chromium.dumpDom(base.resolve(report));
    assertThat(reportDom).contains("id=\"" + temp + "\"").contains("data-status=\"DRIFT\"");

    Path png = OUT.resolve("ui-alert.png");
    Files.deleteIfExists(png);
    chromium.screenshot(base.resolve("/alerts/" + FixtureUiData.DRIFT_ALERT), png, 1280, 1500);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getHeight()).isEqualTo(1500);
    assertThat(pixelsOf(image, Palette.STATUS_WARNING)).as("the firing warning badge").isGreaterThan(500);
    assertThat(pixelsOf(image, Palette.REFERENCE)).as("reference bars of the drifted features").isGreaterThan(2_000);
  }

  @Test
  void errorAlertLeadsToTheErrorTypesAndSilenceToTheInstances() {
    List<String> errors =
        hrefs(
            chromium.dumpDom(base.resolve("/alerts/" + FixtureUiData.ERROR_ALERT)),
            "data-cause=\"ERRORS\"");
    assertThat(errors.get(0)).isEqualTo("/models/bike-demand#errors");
    assertThat(chromium.dumpDom(base.resolve(errors.get(0))))
        .containsPattern(
            "<section class=\"panel\" id=\"errors\">.*?<svg[^>]*class=\"mm-chart mm-hbars\"");

    List<String> silence =
        hrefs(
            chromium.dumpDom(base.resolve("/alerts/" + FixtureUiData.SILENCE_ALERT)),
            "data-cause=\"INSTANCES\"");
    assertThat(silence.get(0)).isEqualTo(Links.model(FixtureUiData.HOSTILE, Links.INSTANCES));
    assertThat(chromium.dumpDom(base.resolve(silence.get(0))))
        .contains("<section class=\"panel\" id=\"instances\">")
        .contains("data-instance=\"pod-&lt;1&gt;\"");
  }

  /** The hrefs of the links carrying {@code attribute}, in page order. */
  private static List<String> hrefs(String dom, String attribute) {
    Matcher m =
        Pattern.compile("<a href=\"([^\"]*)\"[^>]*" + Pattern.quote(attribute)).matcher(dom);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1).replace("&amp;", "&"));
    }
    return out;
  }

  private static long pixelsOf(BufferedImage image, String hex) {
    int target = Integer.parseInt(hex.substring(1), 16);
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        boolean close = true;
        for (int shift = 0; shift <= 16; shift += 8) {
          close &= Math.abs(((rgb >> shift) & 0xff) - ((target >> shift) & 0xff)) <= 3;
        }
        n += close ? 1 : 0;
      }
    }
    return n;
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
