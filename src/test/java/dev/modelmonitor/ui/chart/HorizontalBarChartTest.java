package dev.modelmonitor.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class HorizontalBarChartTest {
  @Test
  void sortsLargestFirstAndFlagsBarsInVermillion() {
    HorizontalBarChart chart =
        HorizontalBarChart.builder()
            .title("PSI by feature")
            .bar("plan", 0.02, false)
            .bar("age", 0.31, true)
            .bar("income", 0.12, true)
            .marker(0.1, "moderate")
            .marker(0.2, "major");

    SvgDom svg = SvgDom.parse(chart.toSvg());

    List<Element> bars = svg.all("//*[@class='bar']");
    assertThat(bars)
        .extracting(b -> b.getAttribute("data-label"))
        .containsExactly("age", "income", "plan");
    assertThat(bars)
        .extracting(b -> b.getAttribute("fill"))
        .containsExactly(Palette.FLAGGED, Palette.FLAGGED, Palette.CURRENT);
    assertThat(chart.scale().max()).isEqualTo(0.4);
    double plotW = chart.plotWidth();
    assertThat(SvgDom.num(bars.get(0), "width")).isCloseTo(0.31 / 0.4 * plotW, within(1e-9));
    assertThat(SvgDom.num(bars.get(2), "width")).isCloseTo(0.02 / 0.4 * plotW, within(1e-9));
    assertThat(svg.texts("//*[@class='legend']/*[local-name()='text']"))
        .containsExactly("over threshold", "within threshold");
  }

  @Test
  void drawsThresholdMarkersAtTheirValues() {
    HorizontalBarChart chart =
        HorizontalBarChart.builder().bar("a", 0.5, false).marker(0.2, "major");

    SvgDom svg = SvgDom.parse(chart.toSvg());

    Element line = svg.one("//*[@class='marker']/*[local-name()='line']");
    double x = chart.plotLeft() + 0.2 / chart.scale().max() * chart.plotWidth();
    assertThat(SvgDom.num(line, "x1")).isCloseTo(x, within(1e-9));
    assertThat(SvgDom.num(line, "x2")).isCloseTo(x, within(1e-9));
    assertThat(svg.texts("//*[@class='marker']/*[local-name()='text']")).containsExactly("major");
  }

  @Test
  void keepsInsertionOrderAndCutsToMaxBarsSayingHowManyMore() {
    HorizontalBarChart chart =
        HorizontalBarChart.builder()
            .keepOrder()
            .maxBars(2)
            .bar("small", 1, false)
            .bar("big", 9, false)
            .bar("mid", 5, false);

    SvgDom svg = SvgDom.parse(chart.toSvg());

    assertThat(svg.all("//*[@class='bar']"))
        .extracting(b -> b.getAttribute("data-label"))
        .containsExactly("small", "big");
    assertThat(svg.texts("//*[local-name()='text']")).contains("1 more not shown");
    assertThat(chart.height())
        .isEqualTo(HorizontalBarChart.TOP + 2 * HorizontalBarChart.ROW + 26 + 18);
  }

  @Test
  void escapesBarLabels() {
    String out = HorizontalBarChart.builder().bar("<b onload=x>", 1, false).toSvg();

    assertThat(out).doesNotContain("<b onload").contains("&lt;b onload=x&gt;");
    assertThat(SvgDom.parse(out).one("//*[@class='bar']").getAttribute("data-label"))
        .isEqualTo("<b onload=x>");
  }
}
