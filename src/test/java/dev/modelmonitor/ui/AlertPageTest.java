package dev.modelmonitor.ui;

import static dev.modelmonitor.ui.FixtureUiData.BIKE;
import static dev.modelmonitor.ui.FixtureUiData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.report.ReportHtmlRenderer;
import dev.modelmonitor.report.XmlDom;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertPageTest {
  private static final String REPORT = "/reports/bike-demand/2026-11-28T11-00-00Z.html";

  private final FixtureUiData data = new FixtureUiData();
  private final AlertPage page = new AlertPage(data, UiSettings.DEFAULTS);
  private final XmlDom modelPage =
      XmlDom.parse(new ModelPage(data, UiSettings.DEFAULTS).render(BIKE, NOW).orElseThrow());

  @Test
  void driftAlertLeadsToTheDriftedFeaturesDistributionsAndTheLatestReport() {
    XmlDom dom = render(FixtureUiData.DRIFT_ALERT);

    assertThat(causeLinks(dom))
        .containsExactly(
            "/models/bike-demand#" + ReportHtmlRenderer.anchor("temp"),
            "/models/bike-demand#" + ReportHtmlRenderer.anchor("atemp"),
            "/models/bike-demand#" + ReportHtmlRenderer.anchor("mnth"),
            "/models/bike-demand#drift",
            REPORT + "#" + ReportHtmlRenderer.anchor("temp"));
    for (String feature : List.of("temp", "atemp", "mnth")) {
      assertThat(
              modelPage
                  .one("//article[@id='" + ReportHtmlRenderer.anchor(feature) + "']")
                  .getAttribute("data-feature"))
          .isEqualTo(feature);
    }
  }

  @Test
  void driftAlertShowsWhatFiredTheEvidenceAndTheDistributionsItself() {
    XmlDom dom = render(FixtureUiData.DRIFT_ALERT);

    assertThat(dom.text("//h1"))
        .isEqualTo("bike-demand: 66.7% of features drifted from the reference over 15m");
    assertThat(dom.one("//p[@class='condition']").getAttribute("data-condition"))
        .isEqualTo("drift_share 66.7% >= 50%");
    assertThat(
            dom.one("//section[contains(@class, 'verdict')]/span[@data-status]")
                .getAttribute("data-status"))
        .isEqualTo("FIRING");
    assertThat(
            dom.all("//section[@id='context']//tbody/tr/td[1]/a").stream()
                .map(a -> a.getAttribute("href")))
        .containsExactly(
            "/models/bike-demand#" + ReportHtmlRenderer.anchor("temp"),
            "/models/bike-demand#" + ReportHtmlRenderer.anchor("atemp"),
            "/models/bike-demand#" + ReportHtmlRenderer.anchor("mnth"));
    assertThat(dom.texts("//section[@id='context']//tbody/tr[1]/td"))
        .containsExactly(
            "temp",
            "5.16",
            "median 0.5",
            "median 0.74",
            "drifted by wasserstein_normed 1.33; psi 5.16, n 744");
    assertThat(
            dom.all("//section[@id='distributions']//article").stream()
                .map(a -> a.getAttribute("data-feature")))
        .containsExactly("temp", "atemp", "mnth");
    assertThat(dom.all("//section[@id='distributions']//article[@id]"))
        .as("ids stay unique to the model page")
        .isEmpty();
    assertThat(
            dom.one("//section[@id='metric']//*[local-name()='g' and @class='threshold']")
                .getAttribute("data-value"))
        .isEqualTo("0.5");
  }

  @Test
  void errorAlertLeadsToTheErrorTypesAndDrawsThem() {
    data.seriesReads.clear();
    XmlDom dom = render(FixtureUiData.ERROR_ALERT);

    assertThat(data.seriesReads).as("one read for the chart and the error types").hasSize(1);

    assertThat(causeLinks(dom))
        .containsExactly(
            "/models/bike-demand#errors", "/models/bike-demand#instances", REPORT + "#traffic");
    assertThat(dom.one("//p[@class='condition']").getAttribute("data-condition"))
        .isEqualTo("error_rate 12% > 5%");
    assertThat(dom.all("//section[@id='error-types']//*[local-name()='rect' and @class='bar']"))
        .hasSize(3);
    assertThat(
            dom.one("//section[@id='metric']//*[local-name()='g' and @class='threshold']")
                .getAttribute("data-value"))
        .isEqualTo("0.05");
    assertThat(dom.one("//section[@id='context']//tbody/tr[2]/td[1]/a").getAttribute("href"))
        .isEqualTo("/models/bike-demand#errors");
    assertThat(modelPage.all("//section[@id='errors']//*[local-name()='rect' and @class='bar']"))
        .hasSize(3);
  }

  @Test
  void stateAlertLinksEachInstanceToItsRowOnTheModelPage() {
    XmlDom dom = render(FixtureUiData.DEGRADED_ALERT);
    String anchor = Links.instanceAnchor("bike-demand-7f9c-b");

    assertThat(causeLinks(dom))
        .containsExactly("/models/bike-demand#instances", "/models/bike-demand#throughput");
    assertThat(dom.one("//section[@id='context']//tbody/tr/td[1]/a").getAttribute("href"))
        .isEqualTo("/models/bike-demand#" + anchor);
    assertThat(modelPage.one("//tr[@id='" + anchor + "']").getAttribute("data-instance"))
        .isEqualTo("bike-demand-7f9c-b");
    assertThat(dom.one("//p[@class='condition']").getAttribute("data-condition"))
        .isEqualTo("state DEGRADED");
    assertThat(dom.all("//section[@id='instances']//tbody/tr")).hasSize(3);
  }

  @Test
  void resolvedAlertSaysWhatFiredAndWhenItResolvedWithItsTimeline() {
    XmlDom dom = render(FixtureUiData.SILENCE_ALERT);

    assertThat(
            dom.one("//section[contains(@class, 'verdict')]/span[@data-status]")
                .getAttribute("data-status"))
        .isEqualTo("RESOLVED");
    assertThat(dom.text("//h1")).isEqualTo(FixtureUiData.HOSTILE + ": silent for 75 s");
    assertThat(dom.one("//p[@class='condition']").getAttribute("data-condition"))
        .isEqualTo("silence_s 75 > 60");
    assertThat(dom.texts("//section[contains(@class, 'verdict')]//p[@class='most']"))
        .containsExactly(
            "Resolved 2026-11-28 11:30:30 UTC: silence_s 4, no longer > 60.",
            "Fired by rule default-silence.");
    assertThat(
            dom.all("//ol[@class='timeline']/li").stream()
                .map(e -> e.getAttribute("data-transition")))
        .containsExactly("RESOLVED", "FIRING");
    assertThat(dom.texts("//ol[@class='timeline']/li/span[3]"))
        .containsExactly(
            "resolved: silence_s 4, no longer > 60 · after 10 min", "fired: silence_s 75 > 60");
  }

  @Test
  void unknownAlertHasNoPage() {
    assertThat(page.render("0000", NOW)).isEmpty();
  }

  @Test
  void metricKindsMapToTheSeriesThatShowThem() {
    assertThat(AlertPage.view("error_rate").orElseThrow().series()).isEqualTo("error rate");
    assertThat(AlertPage.view("latency_p99_ms").orElseThrow().series()).isEqualTo("p99");
    assertThat(AlertPage.view("drift_share").orElseThrow().series()).isEqualTo("drift share");
    assertThat(AlertPage.view("silence_s").orElseThrow().series()).isEqualTo("predictions");
    assertThat(AlertPage.view("drift:temp")).isEmpty();
  }

  private XmlDom render(String alertId) {
    return XmlDom.parse(page.render(alertId, NOW).orElseThrow());
  }

  private static List<String> causeLinks(XmlDom dom) {
    return dom.all("//section[@id='cause']//a").stream().map(a -> a.getAttribute("href")).toList();
  }
}
