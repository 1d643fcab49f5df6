package dev.modelmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportDirectoryWriterTest {
  @TempDir Path dir;

  @Test
  void writesEachReportDrawnAgainstItsModelsReference() throws Exception {
    ReportDirectoryWriter writer =
        new ReportDirectoryWriter(new ReportExporter(dir, Set.of(ReportFormat.HTML)));

    writer.references().accept("bike-demand", ReportFixtures.bikeReference());
    writer.accept("bike-demand", ReportFixtures.bikeReport());
    writer.references().accept("bike-demand", null);
    writer.accept("churn", ReportFixtures.small("churn", ReportFixtures.T0, false));

    assertThat(writer.written()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("bike-demand/2012-07-01T00-00-00Z.html")))
        .contains("data-series=\"reference\"");
    assertThat(dir.resolve("churn/2026-11-28T10-00-00Z.html")).isRegularFile();
    assertThat(Files.readString(dir.resolve("index.html"))).contains("bike-demand").contains("churn");
  }

  @Test
  void countsAReportItCannotWriteInsteadOfThrowing() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    ReportDirectoryWriter writer =
        new ReportDirectoryWriter(new ReportExporter(notADirectory, Set.of(ReportFormat.JSON)));

    writer.accept("m", ReportFixtures.small("m", ReportFixtures.T0, false));

    assertThat(writer.failed()).isEqualTo(1);
    assertThat(writer.written()).isZero();
  }
}
