package dev.modelmonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportDirectoryTest {
  @TempDir Path root;
  ReportDirectory dir;

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(root.resolve("bike-demand"));
    Files.writeString(root.resolve("bike-demand/2026-11-28T11-00-00Z.html"), "<p>report</p>");
    Files.writeString(root.resolve("bike-demand/2026-11-28T11-00-00Z.json"), "{}");
    Files.writeString(root.resolve("bike-demand/notes.txt"), "not a report");
    Files.writeString(root.resolve("bike-demand/.2026.html.tmp"), "half written");
    Files.writeString(root.resolve("secret.html"), "outside a model directory");
    dir = new ReportDirectory(root);
  }

  @Test
  void servesReportFilesOfTheExporterLayout() {
    assertThat(dir.resolve("bike-demand", "2026-11-28T11-00-00Z.html"))
        .contains(
            root.toAbsolutePath().normalize().resolve("bike-demand/2026-11-28T11-00-00Z.html"));
    assertThat(dir.resolve("bike-demand", "2026-11-28T11-00-00Z.json")).isPresent();
  }

  @Test
  void refusesAnythingElse() {
    assertThat(dir.resolve("bike-demand", "notes.txt")).isEmpty();
    assertThat(dir.resolve("bike-demand", ".2026.html.tmp")).isEmpty();
    assertThat(dir.resolve("bike-demand", "missing.html")).isEmpty();
    assertThat(dir.resolve("..", "secret.html")).isEmpty();
    assertThat(dir.resolve("bike-demand", "../secret.html")).isEmpty();
    assertThat(dir.resolve("bike-demand", "..%2Fsecret.html")).isEmpty();
    assertThat(dir.resolve(".", "secret.html")).isEmpty();
    assertThat(new ReportDirectory(null).resolve("bike-demand", "2026-11-28T11-00-00Z.html"))
        .isEmpty();
  }
}
