package dev.modelmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.schema.FeatureReport;
import dev.modelmonitor.schema.Finding;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.ui.chart.Palette;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportHtmlRendererTest {
  private final ReportHtmlRenderer renderer = new ReportHtmlRenderer();

  @Test
  void putsTheVerdictWithItsBadgeAndHeadlineNumbersAtTheTop() {
    XmlDom page =
        XmlDom.parse(renderer.render(ReportFixtures.bikeReport(), ReportFixtures.bikeReference()));

    assertThat(page.text("//section[contains(@class,'verdict')]//span[@class='badge']"))
        .isEqualTo("Dataset drift");
    assertThat(page.one("//span[@class='badge']").getAttribute("data-status")).isEqualTo("DRIFT");
    assertThat(page.one("//section[contains(@class,'verdict')]").getAttribute("class"))
        .contains("status-drift");
    assertThat(page.text("//p[@class='headline']"))
        .isEqualTo("Dataset drift: 8 of 12 features drifted (66.7%)");
    assertThat(page.text("//p[@class='most']"))
        .isEqualTo(
            "Most drifted: temp (W₁ normed 1.33), atemp (W₁ normed 1.29), registered_prev_hour (W₁"
                + " normed 0.936)");
    assertThat(page.texts("//section[@class='cards']/div/div[@class='label']"))
        .containsExactly("Events", "Error rate", "Latency p99", "MAE", "Findings");
    assertThat(page.texts("//section[@class='cards']/div/div[@class='value']"))
        .containsExactly("778", "4.37%", "47.6 ms", "128", "4");
    assertThat(page.text("/html/head/title"))
        .isEqualTo("bike-demand — Dataset drift — 2012-07-01 00:00 UTC");
    assertThat(renderer.render(ReportFixtures.bikeReport(), null))
        .contains(Palette.STATUS_CRITICAL);
  }

  @Test
  void listsEveryFeatureInTheDriftTableStrongestDriftFirst() {
    XmlDom page =
        XmlDom.parse(renderer.render(ReportFixtures.bikeReport(), ReportFixtures.bikeReference()));

    List<org.w3c.dom.Element> rows = page.all("//table[@class='drift-table']/tbody/tr");
    assertThat(rows)
        .extracting(r -> r.getAttribute("data-feature"))
        .containsExactly(
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
    assertThat(rows).filteredOn(r -> r.getAttribute("class").equals("drifted")).hasSize(8);
    assertThat(page.texts("//table[@class='drift-table']/tbody/tr[@data-feature='hum']/td"))
        .containsExactly(
            "hum",
            "num",
            "drifted",
            "W₁ normed",
            "0.205",
            "0.1",
            "0.304",
            "0.21",
            "0.104",
            "1.6e-06",
            "0.205",
            "—",
            "6.05%ref 0%",
            "0%",
            "—");
    assertThat(
            page.texts(
                "//table[@class='drift-table']/tbody/tr[@data-feature='weathersit']/td[last()]"))
        .containsExactly("unknown");
  }

  @Test
  void drawsCurrentAgainstReferenceForThePredictionAndEveryFeature() {
    ModelReport report = ReportFixtures.bikeReport();
    XmlDom page = XmlDom.parse(renderer.render(report, ReportFixtures.bikeReference()));

    List<org.w3c.dom.Element> cards =
        page.all("//section[@id='distributions']//article[@class='feature']");
    assertThat(cards).hasSize(13);
    assertThat(cards.get(0).getAttribute("data-feature")).isEqualTo("prediction");
    assertThat(page.all("//article[@class='feature']//*[local-name()='svg']")).hasSize(13);
    // temp: 10 reference deciles (9 edges) ⇒ 10 bins, a current and a reference bar each
    String temp = "//article[@data-feature='temp']//*[local-name()='rect'][@class='bar']";
    assertThat(page.all(temp + "[@data-series='current']")).hasSize(10);
    assertThat(page.all(temp + "[@data-series='reference']")).hasSize(10);
    // weathersit: the reference's categories 1..4, then the window's unseen "unknown"
    assertThat(
            page.texts(
                "//article[@data-feature='weathersit']//*[@class='x-axis']//*[local-name()='text']"))
        .containsExactly("1", "2", "3", "4", "unseen");
    // weekday codes read in numeric order
    assertThat(
            page.texts(
                "//article[@data-feature='weekday']//*[@class='x-axis']//*[local-name()='text']"))
        .containsExactly("0", "1", "2", "3", "4", "5", "6");
  }

  @Test
  void drawsTheWindowAloneWhenNoReferenceProfileIsGiven() {
    XmlDom page = XmlDom.parse(renderer.render(ReportFixtures.bikeReport(), null));

    assertThat(page.all("//*[local-name()='rect'][@data-series='reference']")).isEmpty();
    assertThat(page.all("//*[local-name()='rect'][@data-series='current']")).isNotEmpty();
    assertThat(page.text("//section[@id='distributions']/p"))
        .isEqualTo(
            "The reference profile was not available, so only the window's distributions are"
                + " drawn.");
  }

  @Test
  void isOneSelfContainedFileWithoutScriptsOrExternalResources() {
    String html = renderer.render(ReportFixtures.bikeReport(), ReportFixtures.bikeReference());

    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html)
        .doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("<link")
        .doesNotContainIgnoringCase("<iframe")
        .doesNotContainIgnoringCase("<img")
        .doesNotContain("@import")
        .doesNotContain("url(");
    Matcher refs =
        Pattern.compile("(?i)\\b(src|href|xlink:href|action)\\s*=\\s*\"([^\"]*)\"").matcher(html);
    List<String> targets = new ArrayList<>();
    while (refs.find()) {
      targets.add(refs.group(2));
    }
    assertThat(targets).isNotEmpty().allMatch(t -> t.startsWith("#"), "is an in-page anchor");
    XmlDom page = XmlDom.parse(html);
    for (org.w3c.dom.Element a : page.all("//a")) {
      String id = a.getAttribute("href").substring(1);
      assertThat(page.all("//*[@id='" + id + "']"))
          .as("target of " + a.getAttribute("href"))
          .hasSize(1);
    }
  }

  @Test
  void escapesModelIdsFeatureNamesCategoriesAndMessagesFromUsers() {
    String evilModel = "<img src=x onerror=alert(1)>";
    String evilFeature = "\"><script>alert('f')</script>";
    ModelReport base = ReportFixtures.small(evilModel, ReportFixtures.T0, true);
    FeatureReport feature =
        FeatureReport.newBuilder(base.getFeatures().get(0))
            .setName(evilFeature)
            .setUnseenCategories(List.of("<b>new</b>"))
            .build();
    ModelReport report =
        ModelReport.newBuilder(base)
            .setFeatures(List.of(feature))
            .setModelVersions(List.of("1.0<i>"))
            .setErrorTypes(java.util.Map.of("<svg onload=alert(2)>", 1L))
            .setFindings(
                List.of(
                    new Finding(
                        "unseen_categories", "warning", evilFeature, "saw <b>new</b> & more", 1.0)))
            .build();

    String html = renderer.render(report, null);

    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("<img")
        .doesNotContain("<b>")
        .doesNotContain("<i>")
        .doesNotContain("<svg onload");
    XmlDom page = XmlDom.parse(html);
    assertThat(page.text("//h1")).isEqualTo(evilModel);
    assertThat(page.one("//table[@class='drift-table']/tbody/tr").getAttribute("data-feature"))
        .isEqualTo(evilFeature);
    assertThat(page.text("//table[@class='findings']/tbody/tr/td[4]"))
        .isEqualTo("saw <b>new</b> & more");
    // the feature's anchor is an id made of safe characters only
    String href = page.one("//table[@class='drift-table']/tbody/tr/td/a").getAttribute("href");
    assertThat(href).matches("#f-[A-Za-z0-9_-]+");
  }

  @Test
  void showsClassificationPerformanceWithAConfusionMatrix() {
    XmlDom page =
        XmlDom.parse(renderer.render(ReportFixtures.rainReport(), ReportFixtures.rainReference()));

    assertThat(page.texts("//section[@id='performance']//div[@class='value']"))
        .containsExactly("75.1%", "65.7%", "63.6%", "64.4%");
    assertThat(page.texts("//table[@class='matrix']/thead/tr/th"))
        .containsExactly("actual ↓ · predicted →", "dry", "rain", "recall");
    assertThat(page.texts("//table[@class='matrix']/tbody/tr[1]/*"))
        .containsExactly("dry", "237", "37", "86.5%");
    assertThat(page.texts("//table[@class='matrix']/tbody/tr[2]/*"))
        .containsExactly("rain", "54", "37", "40.7%");
    assertThat(page.texts("//table[@class='matrix']/tbody/tr[3]/*"))
        .containsExactly("precision", "81.4%", "50%", "");
    // the prediction is categorical here: dry/rain against the reference's
    assertThat(
            page.texts(
                "//article[@data-feature='prediction']//*[@class='x-axis']//*[local-name()='text']"))
        .containsExactly("dry", "rain");
  }

  @Test
  void showsRegressionPerformance() {
    XmlDom page =
        XmlDom.parse(renderer.render(ReportFixtures.bikeReport(), ReportFixtures.bikeReference()));

    assertThat(page.texts("//section[@id='performance']//div[@class='label']"))
        .containsExactly("MAE", "RMSE", "MAPE", "Bias");
    assertThat(page.texts("//section[@id='performance']//div[@class='value']"))
        .containsExactly("128", "172", "44.9%", "-128");
    assertThat(page.text("//section[@id='performance']/p"))
        .isEqualTo("714 predictions joined with their label (regression).");
  }

  @Test
  void showsLatencyOutcomesErrorTypesAndFindings() {
    XmlDom page =
        XmlDom.parse(renderer.render(ReportFixtures.bikeReport(), ReportFixtures.bikeReference()));

    assertThat(page.texts("//table[@class='latency']/tbody/tr/td"))
        .hasSize(6)
        .first()
        .isEqualTo("778");
    assertThat(page.texts("//table[@class='outcomes']/tbody/tr/td[1]"))
        .containsExactly("OK", "TIMEOUT", "ERROR");
    assertThat(page.all("//section[@id='traffic']//*[local-name()='rect'][@class='bar']"))
        .extracting(e -> e.getAttribute("data-label"))
        .containsExactly(
            "java.net.SocketTimeoutException", "feature_store.Unavailable", "ValueError");
    assertThat(page.texts("//table[@class='findings']/tbody/tr/td[2]"))
        .containsExactly("missing_rate_jump", "unseen_categories", "out_of_range", "label_delay");
  }

  @Test
  void saysWhenTheReferenceDrawnIsNotTheOneTheReportUsed() {
    ReferenceProfile newer =
        ReferenceProfile.newBuilder(ReportFixtures.bikeReference())
            .setCreatedAt(Instant.parse("2012-09-01T00:00:00Z"))
            .build();

    XmlDom page = XmlDom.parse(renderer.render(ReportFixtures.bikeReport(), newer));

    assertThat(page.texts("//section[@id='reference']//dt"))
        .contains("Reference used", "Reference drawn", "Note");
    assertThat(
            page.text(
                "//section[@id='reference']//dt[.='Reference used']/following-sibling::dd[1]"))
        .isEqualTo("hour.csv (yr=0), created 2012-06-30 09:15 UTC");
  }

  @Test
  void rendersAProfileOnlyReportAndAnEmptyWindow() {
    ModelReport noReference =
        ModelReport.newBuilder(ReportFixtures.small("m", ReportFixtures.T0, false))
            .setHasReference(false)
            .setReferenceSource(null)
            .setReferenceCreatedAt(null)
            .setDatasetDrift(null)
            .setErrorCount(0)
            .setOutcomeCounts(java.util.Map.of("OK", 10L))
            .setFeatures(
                List.of(
                    FeatureReport.newBuilder(
                            ReportFixtures.small("m", ReportFixtures.T0, false)
                                .getFeatures()
                                .get(0))
                        .setDrift(null)
                        .build()))
            .build();
    ModelReport empty =
        ModelReport.newBuilder(noReference).setEventCount(0).setFeatures(List.of()).build();

    XmlDom a = XmlDom.parse(renderer.render(noReference, null));
    XmlDom b = XmlDom.parse(renderer.render(empty, null));

    assertThat(a.text("//span[@class='badge']")).isEqualTo("No reference");
    assertThat(a.text("//p[@class='headline']"))
        .isEqualTo("No reference: profile only, drift not measured");
    assertThat(a.texts("//table[@class='drift-table']/tbody/tr/td[3]"))
        .containsExactly("not compared");
    assertThat(b.text("//span[@class='badge']")).isEqualTo("No data");
    assertThat(b.text("//p[@class='headline']")).isEqualTo("No events in this window");
    assertThat(b.text("//section[@id='drift']/p")).isEqualTo("This report has no features.");
  }
}
