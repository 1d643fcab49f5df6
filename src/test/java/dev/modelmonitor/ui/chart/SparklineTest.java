package dev.modelmonitor.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class SparklineTest {
  @Test
  void spacesValuesEvenlyWithAGapForNaNAndADotOnTheLastValue() {
    Sparkline s = Sparkline.of(1, 3, Double.NaN, 2, 5).size(100, 20).label("p99 ms");

    SvgDom svg = SvgDom.parse(s.toSvg());

    String d = svg.one("//*[@class='line']").getAttribute("d");
    assertThat(d).isEqualTo("M3 17 L26.5 10 M73.5 13.5 L97 3");
    Element last = svg.one("//*[@class='last']");
    assertThat(SvgDom.num(last, "cx")).isEqualTo(97);
    assertThat(SvgDom.num(last, "cy")).isCloseTo(3, within(1e-9));
    assertThat(svg.root().getAttribute("aria-label"))
        .isEqualTo("p99 ms: last 5, range 1 to 5 over 5 points");
  }

  @Test
  void drawsAThresholdInsideTheRange() {
    Sparkline s = Sparkline.of(0, 1).size(100, 20).threshold(2);

    Element t = SvgDom.parse(s.toSvg()).one("//*[@class='threshold']");

    assertThat(SvgDom.num(t, "y1")).isCloseTo(s.y(2, 0, 2), within(1e-9));
    assertThat(SvgDom.num(t, "y1")).isEqualTo(3);
  }

  @Test
  void showsADashedLineWhenThereIsNoData() {
    SvgDom svg = SvgDom.parse(Sparkline.of(Double.NaN).toSvg());

    assertThat(svg.all("//*[@class='line']")).isEmpty();
    assertThat(svg.root().getAttribute("aria-label")).isEqualTo("trend: no data");
  }
}
