package dev.modelmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ReportFilesTest {
  @Test
  void keepsSafeModelIdsAsTheyAre() {
    assertThat(ReportFiles.modelDirectory("bike-demand_v2.1")).isEqualTo("bike-demand_v2.1");
  }

  @Test
  void reducesOtherModelIdsToSafeCharactersPlusAHashSoTheyNeverCollide() {
    String a = ReportFiles.modelDirectory("team/churn");
    String b = ReportFiles.modelDirectory("team:churn");

    assertThat(a).matches("team_churn-[0-9a-f]{8}");
    assertThat(b).matches("team_churn-[0-9a-f]{8}");
    assertThat(a).isNotEqualTo(b);
    assertThat(ReportFiles.modelDirectory("..")).matches("_-[0-9a-f]{8}");
    assertThat(ReportFiles.modelDirectory("../../etc/passwd"))
        .matches("__\\.\\._etc_passwd-[0-9a-f]{8}")
        .doesNotContain("/");
    assertThat(ReportFiles.modelDirectory("")).matches("model-[0-9a-f]{8}");
    assertThat(ReportFiles.modelDirectory("x".repeat(200))).hasSize(80 + 9);
    assertThat(ReportFiles.modelDirectory("модель")).matches("______-[0-9a-f]{8}");
  }

  @Test
  void namesWindowsByTheirStartWithoutColons() {
    assertThat(ReportFiles.windowName(Instant.parse("2012-07-01T00:00:00Z")))
        .isEqualTo("2012-07-01T00-00-00Z");
    assertThat(
            ReportFiles.relativePath(
                "m", Instant.parse("2026-11-28T10:00:00.250Z"), ReportFormat.JSON))
        .isEqualTo("m/2026-11-28T10-00-00.250Z.json");
  }

  @Test
  void parsesFormats() {
    assertThat(ReportFormat.parse("html")).containsExactly(ReportFormat.HTML);
    assertThat(ReportFormat.parse("json, HTML")).isEqualTo(EnumSet.allOf(ReportFormat.class));
    assertThatThrownBy(() -> ReportFormat.parse("pdf"))
        .hasMessage("report format must be html, json or html,json but was 'pdf'");
  }
}
