package dev.modelmonitor.ui;

import static dev.modelmonitor.ui.FixtureUiData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.report.XmlDom;
import org.junit.jupiter.api.Test;

class ReportsPageTest {
  private final ReportsPage page = new ReportsPage(new FixtureUiData(), UiSettings.DEFAULTS);

  @Test
  void groupsReportsByModelNewestFirstLinkingToTheirFiles() {
    XmlDom dom = XmlDom.parse(page.render(null, NOW));

    assertThat(dom.all("//section[@data-model]").stream().map(e -> e.getAttribute("data-model")))
        .containsExactly("bike-demand", "rain-classifier");
    String bike = "//section[@data-model='bike-demand']//tbody/tr";
    assertThat(dom.all(bike).stream().map(e -> e.getAttribute("data-window")))
        .containsExactly("2026-11-28T11:00:00Z", "2026-11-28T10:00:00Z");
    assertThat(dom.texts(bike + "[1]/td"))
        .containsExactly(
            "2026-11-28 11:00 UTC",
            "1 h",
            "Dataset drift",
            "Dataset drift: 8 of 12 features drifted (66.7%)",
            "778",
            "4.37%",
            "HTML · JSON");
    assertThat(dom.all(bike + "[1]/td[7]/a").stream().map(a -> a.getAttribute("href")))
        .containsExactly(
            "/reports/bike-demand/2026-11-28T11-00-00Z.html",
            "/reports/bike-demand/2026-11-28T11-00-00Z.json");
    assertThat(dom.one(bike + "[2]/td[3]/span").getAttribute("data-status")).isEqualTo("OK");
    assertThat(dom.one("//section[@data-model='bike-demand']/h2/a").getAttribute("href"))
        .isEqualTo("/models/bike-demand");
    assertThat(dom.text("//header/div[@class='meta']"))
        .isEqualTo("3 reports of 2 models, newest window first");
  }

  @Test
  void filtersByModelAndSaysSoWhenThereAreNone() {
    assertThat(XmlDom.parse(page.render("rain-classifier", NOW)).all("//section[@data-model]"))
        .hasSize(1);

    XmlDom none =
        XmlDom.parse(new ReportsPage(FixtureUiData.empty(), UiSettings.DEFAULTS).render(null, NOW));
    assertThat(none.text("//section/p[@class='empty']"))
        .isEqualTo("No reports yet: one is written for each model when each report window closes.");
  }
}
