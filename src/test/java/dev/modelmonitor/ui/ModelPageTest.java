package dev.modelmonitor.ui;

import static dev.modelmonitor.ui.FixtureUiData.BIKE;
import static dev.modelmonitor.ui.FixtureUiData.HOSTILE;
import static dev.modelmonitor.ui.FixtureUiData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.report.ReportHtmlRenderer;
import dev.modelmonitor.report.XmlDom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ModelPageTest {
  private final FixtureUiData data = new FixtureUiData();
  private final ModelPage page = new ModelPage(data, UiSettings.DEFAULTS);
  private final XmlDom dom = XmlDom.parse(page.render(BIKE, NOW).orElseThrow());

  @Test
  void hasASectionForEveryPlaceAnAlertLinksTo() {
    assertThat(dom.all("//main//section[@id]").stream().map(e -> e.getAttribute("id")))
        .containsExactly(
            "alerts",
            "throughput",
            "latency",
            "errors",
            "drift",
            "instances",
            "distributions",
            "reports");
    assertThat(dom.all("//nav[@class='toc']/a").stream().map(e -> e.getAttribute("href")))
        .containsExactly(
            "#throughput",
            "#errors",
            "#latency",
            "#drift",
            "#instances",
            "#distributions",
            "#reports");
  }

  @Test
  void headlineCardsShowTheLastFiveMinutes() {
    assertThat(dom.texts("//section[@class='cards']//div[@class='value']"))
        .containsExactly("125", "12%", "100 ms", "66.7%", "3");
  }

  @Test
  void drawsThroughputLatencyErrorRateAndDriftShareOverTime() {
    assertThat(series("throughput")).containsExactly("predictions", "errors");
    assertThat(series("latency")).containsExactly("p50", "p99");
    assertThat(series("errors")).containsExactly("error rate");
    assertThat(series("drift")).containsExactly("drift share");
    assertThat(
            dom.one("//section[@id='drift']//*[local-name()='g' and @class='threshold']")
                .getAttribute("data-value"))
        .isEqualTo("0.5");
  }

  @Test
  void errorsSectionRanksTheErrorTypes() {
    List<Element> bars =
        dom.all("//section[@id='errors']//*[local-name()='rect' and @class='bar']");
    assertThat(bars.stream().map(b -> b.getAttribute("data-label")))
        .containsExactly(
            "java.net.SocketTimeoutException", "feature_store.Unavailable", "ValueError <input>");
    assertThat(bars.stream().map(b -> b.getAttribute("data-value")))
        .containsExactly("91", "48", "4");
  }

  @Test
  void instancesListTheirStateAndFlagAnOverdueHeartbeat() {
    String rows = "//section[@id='instances']//tbody/tr";
    assertThat(dom.all(rows).stream().map(e -> e.getAttribute("data-instance")))
        .containsExactly("bike-demand-7f9c-a", "bike-demand-7f9c-b", "bike-demand-7f9c-c");
    assertThat(dom.one(rows + "[2]").getAttribute("id"))
        .isEqualTo(Links.instanceAnchor("bike-demand-7f9c-b"));
    assertThat(dom.texts(rows + "/td[4]")).containsExactly("READY", "DEGRADED", "READY");
    assertThat(dom.texts(rows + "/td[6]")).containsExactly("—", "feature store slow", "—");
    assertThat(dom.texts(rows + "/td[7]"))
        .containsExactly("4 s ago", "3 s ago", "2 min ago overdue");
  }

  @Test
  void distributionsDrawEveryFeatureAgainstTheReferenceUnderTheAnchorsAlertsUse() {
    List<Element> cards = dom.all("//section[@id='distributions']//article[@class='feature']");
    assertThat(cards.stream().map(e -> e.getAttribute("data-feature")))
        .containsExactly(
            "prediction",
            "temp",
            "atemp",
            "registered_prev_hour",
            "mnth",
            "season",
            "windspeed",
            "hum",
            "weathersit",
            "weekday",
            "holiday",
            "hr",
            "workingday");
    assertThat(cards)
        .allSatisfy(
            c ->
                assertThat(c.getAttribute("id"))
                    .isEqualTo(ReportHtmlRenderer.anchor(c.getAttribute("data-feature"))));
    assertThat(
            dom.all(
                "//article[@data-feature='temp']//*[local-name()='rect' and"
                    + " @data-series='reference']"))
        .hasSize(10);
    assertThat(
            dom.all("//section[@id='distributions']/p[starts-with(., 'Drifted:')]/a").stream()
                .map(a -> a.getAttribute("href")))
        .containsExactly(
            "#" + ReportHtmlRenderer.anchor("temp"), "#" + ReportHtmlRenderer.anchor("atemp"),
            "#" + ReportHtmlRenderer.anchor("registered_prev_hour"),
                "#" + ReportHtmlRenderer.anchor("mnth"),
            "#" + ReportHtmlRenderer.anchor("season"), "#" + ReportHtmlRenderer.anchor("windspeed"),
            "#" + ReportHtmlRenderer.anchor("hum"), "#" + ReportHtmlRenderer.anchor("weathersit"));
  }

  @Test
  void reportsLinkToTheirFilesNewestFirst() {
    assertThat(
            dom.all("//section[@id='reports']//tbody/tr/td[1]/a").stream()
                .map(a -> a.getAttribute("href")))
        .containsExactly(
            "/reports/bike-demand/2026-11-28T11-00-00Z.html",
            "/reports/bike-demand/2026-11-28T10-00-00Z.html");
    assertThat(dom.one("//section[@id='distributions']/p[@class='muted']/a").getAttribute("href"))
        .isEqualTo("/reports/bike-demand/2026-11-28T11-00-00Z.html");
  }

  @Test
  void openAlertsComeFirstWithoutARepeatedModelColumn() {
    assertThat(
            dom.all("//section[@id='alerts']//tbody/tr").stream()
                .map(e -> e.getAttribute("data-alert")))
        .containsExactly(
            FixtureUiData.ERROR_ALERT, FixtureUiData.DEGRADED_ALERT, FixtureUiData.DRIFT_ALERT);
    assertThat(dom.texts("//section[@id='alerts']//thead/tr/th"))
        .containsExactly("Status", "Severity", "Summary", "Started", "Duration");
  }

  @Test
  void modelNobodyHeardOfHasNoPage() {
    assertThat(page.render("no-such-model", NOW)).isEmpty();
  }

  @Test
  void hostileModelRendersEscapedWithItsInstanceAndNoData() {
    String html = page.render(HOSTILE, NOW).orElseThrow();
    XmlDom hostile = XmlDom.parse(html);

    assertThat(html).doesNotContain("<b>").doesNotContain("<1>").doesNotContain("<down>");
    assertThat(hostile.text("//h1")).isEqualTo(HOSTILE);
    assertThat(hostile.text("//section[@id='instances']//tbody/tr/td[6]"))
        .isEqualTo("scaled <down>");
    assertThat(hostile.all("//section[@id='throughput']//*[local-name()='text' and .='no data']"))
        .hasSize(1);
    assertThat(hostile.text("//section[@id='distributions']/p"))
        .isEqualTo("No report yet: the distributions are drawn from the latest window report.");
  }

  private List<String> series(String section) {
    return dom
        .all("//section[@id='" + section + "']//*[local-name()='g' and @class='series']")
        .stream()
        .map(e -> e.getAttribute("data-series"))
        .toList();
  }
}
