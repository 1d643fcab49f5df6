package dev.modelmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.schema.ModelReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportExporterTest {
  @TempDir Path dir;

  @Test
  void writesOneFilePerReportAndFormatUnderTheModelAndAnIndexLinkingThem() throws Exception {
    ReportExporter exporter = new ReportExporter(dir, EnumSet.allOf(ReportFormat.class));
    ModelReport bike = ReportFixtures.bikeReport();
    ModelReport rain = ReportFixtures.rainReport();

    List<Path> written =
        exporter.exportAll(
            List.of(bike, rain),
            r -> r == bike ? ReportFixtures.bikeReference() : ReportFixtures.rainReference(),
            n -> {});

    assertThat(written)
        .containsExactly(
            dir.resolve("bike-demand/2012-07-01T00-00-00Z.html"),
            dir.resolve("bike-demand/2012-07-01T00-00-00Z.json"),
            dir.resolve("rain-classifier/1993-01-01T00-00-00Z.html"),
            dir.resolve("rain-classifier/1993-01-01T00-00-00Z.json"),
            dir.resolve("index.html"));
    assertThat(Files.readString(written.get(0)))
        .isEqualTo(new ReportHtmlRenderer().render(bike, ReportFixtures.bikeReference()));
    assertThat(Files.readString(written.get(1))).isEqualTo(new ReportJsonRenderer().render(bike));
    XmlDom index = XmlDom.parse(Files.readString(dir.resolve("index.html")));
    assertThat(index.all("//a/@href".replace("/@href", "")))
        .extracting(a -> a.getAttribute("href"))
        .containsExactly(
            "bike-demand/2012-07-01T00-00-00Z.html",
            "bike-demand/2012-07-01T00-00-00Z.html",
            "bike-demand/2012-07-01T00-00-00Z.json",
            "rain-classifier/1993-01-01T00-00-00Z.html",
            "rain-classifier/1993-01-01T00-00-00Z.html",
            "rain-classifier/1993-01-01T00-00-00Z.json");
    for (org.w3c.dom.Element a : index.all("//a")) {
      assertThat(dir.resolve(a.getAttribute("href"))).isRegularFile();
    }
    assertThat(index.texts("//section/h2")).containsExactly("bike-demand", "rain-classifier");
    assertThat(noTemporaryFilesLeft()).isTrue();
  }

  @Test
  void addsLaterWindowsToTheIndexNewestFirstAndReplacesAWindowExportedAgain() throws Exception {
    ReportExporter exporter = new ReportExporter(dir, Set.of(ReportFormat.HTML));
    Instant t0 = ReportFixtures.T0;

    exporter.export(ReportFixtures.small("churn", t0, false), null);
    exporter.export(ReportFixtures.small("churn", t0.plusSeconds(3600), false), null);
    exporter.export(
        ReportFixtures.small("churn", t0, true), null); // the first window again, now drifted

    List<ReportIndex.Entry> entries = new ReportExporter(dir, Set.of(ReportFormat.HTML)).index();
    assertThat(entries)
        .extracting(ReportIndex.Entry::windowStart)
        .containsExactly(t0.plusSeconds(3600), t0);
    assertThat(entries)
        .extracting(ReportIndex.Entry::status)
        .containsExactly(ReportStatus.WARNING, ReportStatus.DRIFT);
    assertThat(entries.get(1).files()).containsOnlyKeys("html");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("index.json").toFile());
    assertThat(json.get("format").asText()).isEqualTo("model-monitor.report-index");
    assertThat(json.get("reports").get(1).toString())
        .isEqualTo(
            "{\"modelId\":\"churn\",\"windowStart\":\"2026-11-28T10:00:00Z\",\"windowEnd\":\"2026-11-28T11:00:00Z\","
                + "\"events\":10,\"errors\":1,\"features\":1,\"drifted\":1,\"status\":\"DRIFT\",\"headline\":\"Dataset"
                + " drift: 1 of 1 feature drifted (100%)\","
                + "\"files\":{\"html\":\"churn/2026-11-28T10-00-00Z.html\"}}");
    XmlDom index = XmlDom.parse(Files.readString(dir.resolve("index.html")));
    assertThat(index.all("//tbody/tr"))
        .extracting(tr -> tr.getAttribute("data-window"))
        .containsExactly("2026-11-28T11:00:00Z", "2026-11-28T10:00:00Z");
  }

  @Test
  void startsAFreshIndexWhenTheOldOneIsDamaged() throws Exception {
    Files.writeString(dir.resolve("index.json"), "{not json");
    ReportExporter exporter = new ReportExporter(dir, Set.of(ReportFormat.JSON));

    exporter.export(ReportFixtures.small("m", ReportFixtures.T0, false), null);

    assertThat(exporter.index()).hasSize(1);
  }

  @Test
  void escapesModelIdsInTheIndexAndKeepsTheirFilesInsideTheDirectory() throws Exception {
    ReportExporter exporter = new ReportExporter(dir, Set.of(ReportFormat.HTML));

    List<Path> written =
        exporter.export(
            ReportFixtures.small("../<script>x</script>", ReportFixtures.T0, false), null);

    assertThat(written).allMatch(p -> p.normalize().startsWith(dir));
    String index = Files.readString(dir.resolve("index.html"));
    assertThat(index).doesNotContain("<script").contains("../&lt;script&gt;x&lt;/script&gt;");
  }

  private boolean noTemporaryFilesLeft() throws Exception {
    List<Path> tmp = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(p -> p.getFileName().toString().endsWith(".tmp")).forEach(tmp::add);
    }
    return tmp.isEmpty();
  }
}
