package dev.modelmonitor.ui;

import static dev.modelmonitor.ui.FixtureUiData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.report.XmlDom;
import org.junit.jupiter.api.Test;

class AlertsPageTest {
  private final AlertsPage page = new AlertsPage(new FixtureUiData(), UiSettings.DEFAULTS);

  @Test
  void listsFiringAlertsWorstFirstThenResolvedOnes() {
    XmlDom dom = XmlDom.parse(page.render(null, NOW));

    assertThat(
            dom.all("//section[@id='firing']//tbody/tr").stream()
                .map(e -> e.getAttribute("data-alert")))
        .containsExactly(
            FixtureUiData.ERROR_ALERT, FixtureUiData.DEGRADED_ALERT, FixtureUiData.DRIFT_ALERT);
    assertThat(
            dom.all("//section[@id='resolved']//tbody/tr").stream()
                .map(e -> e.getAttribute("data-alert")))
        .containsExactly(FixtureUiData.SILENCE_ALERT);
    assertThat(dom.texts("//section[@id='firing']//tbody/tr[1]/td"))
        .containsExactly(
            "Firing",
            "critical",
            "bike-demand",
            "bike-demand: 12% of requests fail (> 5% over 1m)default-error-rate · error_rate",
            "2026-11-28 11:51:30 UTC",
            "9 min so far");
    assertThat(dom.texts("//section[@id='resolved']//tbody/tr[1]/td[6]")).containsExactly("10 min");
    assertThat(dom.text("//header/div[@class='meta']")).isEqualTo("3 firing · 1 resolved");
  }

  @Test
  void filtersByModel() {
    XmlDom dom = XmlDom.parse(page.render(FixtureUiData.HOSTILE, NOW));

    assertThat(dom.all("//section[@id='firing']//tbody/tr")).isEmpty();
    assertThat(dom.text("//section[@id='firing']/p")).isEqualTo("Nothing is firing.");
    assertThat(
            dom.all("//section[@id='resolved']//tbody/tr").stream()
                .map(e -> e.getAttribute("data-alert")))
        .containsExactly(FixtureUiData.SILENCE_ALERT);
    assertThat(
            dom.texts(
                "//section[@id='resolved']//thead/th | //section[@id='resolved']//thead/tr/th"))
        .doesNotContain("Model");
    assertThat(dom.text("//nav[@class='topbar']//span[@class='count']"))
        .as("the top bar counts all models")
        .isEqualTo("3");
  }
}
