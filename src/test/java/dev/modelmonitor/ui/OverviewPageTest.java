package dev.modelmonitor.ui;

import static dev.modelmonitor.ui.FixtureUiData.HOSTILE;
import static dev.modelmonitor.ui.FixtureUiData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.report.XmlDom;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class OverviewPageTest {
  private final String html =
      new OverviewPage(new FixtureUiData(), UiSettings.DEFAULTS).render(NOW);
  private final XmlDom dom = XmlDom.parse(html);

  @Test
  void listsEveryModelWithTheOnesFiringFirst() {
    assertThat(
            dom.all("//table[@class='models']/tbody/tr").stream()
                .map(e -> e.getAttribute("data-model")))
        .containsExactly("bike-demand", HOSTILE, "rain-classifier");
  }

  @Test
  void rowShowsInstanceStatesRecentNumbersAndOpenAlerts() {
    String row = "//tr[@data-model='bike-demand']";
    assertThat(dom.texts(row + "/td[2]//span[@data-state]"))
        .containsExactly("DEGRADED 1", "READY 2");
    assertThat(dom.text(row + "/td[3]")).isEqualTo("2 s ago");
    assertThat(dom.text(row + "/td[4]/span[@class='v']")).isEqualTo("125");
    assertThat(dom.text(row + "/td[5]/span[@class='v']")).isEqualTo("12%");
    assertThat(dom.text(row + "/td[6]")).isEqualTo("100 ms");
    assertThat(dom.text(row + "/td[7]")).isEqualTo("66.7%");
    Element open = dom.one(row + "/td[8]/a");
    assertThat(open.getTextContent()).isEqualTo("3 firing");
    assertThat(open.getAttribute("href")).isEqualTo("/alerts?model=bike-demand");
    assertThat(open.getAttribute("class")).isEqualTo("pill sev-critical");
  }

  @Test
  void quietModelReadsZeroTrafficAndDashesForRatesItCannotKnow() {
    String rain = "//tr[@data-model='rain-classifier']";
    assertThat(dom.text(rain + "/td[4]/span[@class='v']")).isEqualTo("40");
    assertThat(dom.text(rain + "/td[5]/span[@class='v']")).isEqualTo("0%");
    assertThat(dom.text(rain + "/td[6]")).isEqualTo("75 ms");
    assertThat(dom.text(rain + "/td[7]")).isEqualTo("0%");

    String hostile = "//table[@class='models']/tbody/tr[2]";
    assertThat(dom.text(hostile + "/td[4]/span[@class='v']")).isEqualTo("0");
    assertThat(dom.text(hostile + "/td[5]/span[@class='v']")).isEqualTo("—");
    assertThat(dom.text(hostile + "/td[6]")).isEqualTo("—");
    assertThat(dom.text(hostile + "/td[7]")).isEqualTo("—");
    assertThat(dom.text(hostile + "/td[8]")).isEqualTo("0");
    assertThat(dom.texts(hostile + "/td[2]//span[@data-state]")).containsExactly("STOPPED 1");
  }

  @Test
  void everyRowHasTwoTrendSparklines() {
    assertThat(
            dom.all(
                "//table[@class='models']//*[local-name()='svg' and contains(@class,"
                    + " 'mm-sparkline')]"))
        .hasSize(6);
  }

  @Test
  void hostileModelIdIsEscapedAndItsLinkEncoded() {
    assertThat(html)
        .doesNotContain("<b>")
        .contains("churn &lt;b&gt;&quot;v2&quot;&lt;/b&gt; &amp; &#39;co&#39;");
    assertThat(dom.one("//tr[2]/td[@class='name']/a").getAttribute("href"))
        .isEqualTo("/models/churn%20%3Cb%3E%22v2%22%3C%2Fb%3E%20%26%20%27co%27");
    assertThat(dom.text("//tr[2]/td[@class='name']/a")).isEqualTo(HOSTILE);
  }

  @Test
  void firingAlertsAreListedWorstFirst() {
    assertThat(
            dom.all("//section[@id='firing']//tbody/tr").stream()
                .map(e -> e.getAttribute("data-alert")))
        .containsExactly(
            FixtureUiData.ERROR_ALERT, FixtureUiData.DEGRADED_ALERT, FixtureUiData.DRIFT_ALERT);
    assertThat(dom.one("//section[@id='firing']//tbody/tr[1]/td[4]/a").getAttribute("href"))
        .isEqualTo("/alerts/" + FixtureUiData.ERROR_ALERT);
  }

  @Test
  void topBarCountsFiringAlertsAndPageReloadsItself() {
    assertThat(dom.text("//nav[@class='topbar']//span[@class='count']")).isEqualTo("3");
    assertThat(dom.one("//meta[@http-equiv='refresh']").getAttribute("content")).isEqualTo("10");
    assertThat(dom.text("//span[@class='stamp']"))
        .isEqualTo("Updated 12:00:30 UTC · reloads every 10 s");
  }

  @Test
  void saysSoWhenNoModelHasReportedYet() {
    XmlDom empty =
        XmlDom.parse(new OverviewPage(FixtureUiData.empty(), UiSettings.DEFAULTS).render(NOW));

    assertThat(empty.text("//section[@id='models']/p[@class='empty']"))
        .isEqualTo(
            "No models yet. A model appears here when its first prediction or state event"
                + " arrives.");
    assertThat(empty.text("//section[@id='firing']/p[@class='empty']"))
        .isEqualTo("Nothing is firing.");
    assertThat(empty.all("//nav[@class='topbar']//span[@class='count']")).isEmpty();
  }
}
