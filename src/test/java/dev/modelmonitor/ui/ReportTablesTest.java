package dev.modelmonitor.ui;

import static dev.modelmonitor.ui.FixtureUiData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.report.ReportExporter;
import dev.modelmonitor.report.ReportFixtures;
import dev.modelmonitor.report.ReportFormat;
import dev.modelmonitor.report.ReportIndex;
import dev.modelmonitor.report.XmlDom;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * The export directory's {@code index.html} and the UI's {@code /reports} page list the same
 * reports in the same table; only the links differ, the UI serving the files under {@code
 * /reports/}.
 */
class ReportTablesTest {
  @TempDir Path dir;

  @Test
  void theIndexFileAndTheReportsPageShowTheSameRowsAndCells() throws Exception {
    ReportExporter exporter = new ReportExporter(dir, EnumSet.allOf(ReportFormat.class));
    exporter.exportAll(
        List.of(ReportFixtures.bikeReport(), ReportFixtures.rainReport()), r -> null, n -> {});
    ReportExporter jsonOnly = new ReportExporter(dir, Set.of(ReportFormat.JSON));
    jsonOnly.export(ReportFixtures.small("churn", ReportFixtures.T0, false), null);
    jsonOnly.export(ReportFixtures.small("churn", ReportFixtures.T0.plusSeconds(3600), true), null);

    XmlDom index = XmlDom.parse(Files.readString(dir.resolve("index.html")));
    XmlDom page = XmlDom.parse(
        new ReportsPage(reportsOf(exporter), UiSettings.DEFAULTS).render(null, NOW));

    List<String> models = List.of("bike-demand", "churn", "rain-classifier");
    assertThat(sections(index)).isEqualTo(models);
    assertThat(sections(page)).isEqualTo(models);
    for (String model : models) {
      String table = "//section[@data-model='" + model + "']//table";
      assertThat(page.texts(table + "//th")).isEqualTo(index.texts(table + "//th"))
          .containsExactly("Window start", "Length", "Status", "Summary", "Events",
              "Error rate", "Files");
      assertThat(page.texts(table + "//tbody//td")).isEqualTo(index.texts(table + "//tbody//td"));
      assertThat(hrefs(page, table))
          .isEqualTo(hrefs(index, table).stream().map(href -> "/reports/" + href).toList());
    }
    assertThat(index.texts("//section[@data-model='churn']//tbody/tr[1]/td"))
        .containsExactly("2026-11-28 11:00 UTC", "1 h", "Dataset drift",
            "Dataset drift: 1 of 1 feature drifted (100%)", "10", "10%", "JSON");
    assertThat(hrefs(index, "//section[@data-model='bike-demand']//table"))
        .containsExactly("bike-demand/2012-07-01T00-00-00Z.html",
            "bike-demand/2012-07-01T00-00-00Z.html", "bike-demand/2012-07-01T00-00-00Z.json");
  }

  private static List<String> sections(XmlDom dom) {
    return dom.all("//section[@data-model]").stream()
        .map(e -> e.getAttribute("data-model")).toList();
  }

  private static List<String> hrefs(XmlDom dom, String table) {
    return dom.all(table + "//a").stream().map((Element a) -> a.getAttribute("href")).toList();
  }

  /** The UI's data with the reports the exporter indexed and nothing else. */
  private static UiData reportsOf(ReportExporter exporter) {
    UiData none = FixtureUiData.empty();
    return new UiData() {
      @Override
      public List<ModelSummary> models() {
        return none.models();
      }

      @Override
      public ModelSeries series(String modelId, Duration lookback) {
        return none.series(modelId, lookback);
      }

      @Override
      public List<Alert> alerts() {
        return none.alerts();
      }

      @Override
      public Optional<List<Alert>> alertTimeline(String alertId) {
        return none.alertTimeline(alertId);
      }

      @Override
      public List<ReportIndex.Entry> reports(String modelId) {
        return exporter.index();
      }

      @Override
      public Optional<ModelReport> latestReport(String modelId) {
        return none.latestReport(modelId);
      }

      @Override
      public Optional<ReferenceProfile> reference(String modelId) {
        return none.reference(modelId);
      }
    };
  }
}
