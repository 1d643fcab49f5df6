package dev.modelmonitor.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class GroupedBarChartTest {

  @Test
  void drawsOneBarPerBinAndSeriesWithHeightsProportionalToTheShares() {
    // current 10/20/30/40 of 100, reference 25 each: the highest share 0.4 makes the axis 0..0.4
    Distribution d =
        Distribution.numeric(
            List.of(1.0, 2.0, 3.0), List.of(10L, 20L, 30L, 40L), List.of(25L, 25L, 25L, 25L));
    GroupedBarChart chart = GroupedBarChart.of(d).title("x").size(560, 240);

    SvgDom svg = SvgDom.parse(chart.toSvg());

    List<Element> current = svg.all("//*[@class='bar'][@data-series='current']");
    List<Element> reference = svg.all("//*[@class='bar'][@data-series='reference']");
    assertThat(current).hasSize(4);
    assertThat(reference).hasSize(4);
    assertThat(chart.scale().max()).isEqualTo(0.4);
    double plotH = chart.plotHeight();
    double[] expected = {0.1, 0.2, 0.3, 0.4};
    for (int i = 0; i < 4; i++) {
      assertThat(SvgDom.num(current.get(i), "height"))
          .isCloseTo(expected[i] / 0.4 * plotH, within(1e-9));
      assertThat(SvgDom.num(reference.get(i), "height"))
          .isCloseTo(0.25 / 0.4 * plotH, within(1e-9));
      // bars stand on the same baseline
      assertThat(SvgDom.num(current.get(i), "y") + SvgDom.num(current.get(i), "height"))
          .isCloseTo(GroupedBarChart.TOP + plotH, within(1e-9));
      assertThat(SvgDom.num(current.get(i), "data-value")).isEqualTo(expected[i]);
    }
    assertThat(current.get(0).getAttribute("fill")).isEqualTo(Palette.CURRENT);
    assertThat(reference.get(0).getAttribute("fill")).isEqualTo(Palette.REFERENCE);
  }

  @Test
  void labelsNumericBinsByTheirEdgesAndGivesExactIntervalsInTooltips() {
    Distribution d = Distribution.numeric(List.of(1.0, 2.5, 10.0), List.of(1L, 1L, 1L, 1L), null);

    SvgDom svg = SvgDom.parse(GroupedBarChart.of(d).toSvg());

    assertThat(svg.texts("//*[@class='x-axis']//*[local-name()='text']"))
        .containsExactly("≤ 1", "1–2.5", "2.5–10", "> 10");
    assertThat(svg.texts("//*[@class='x-axis']/*/*[local-name()='title']"))
        .containsExactly("(-∞, 1]", "(1, 2.5]", "(2.5, 10]", "(10, +∞)");
    assertThat(svg.all("//*[@class='bar'][@data-series='reference']")).isEmpty();
    assertThat(svg.texts("//*[@class='legend']/*[local-name()='text']")).containsExactly("current");
  }

  @Test
  void escapesLabelsTitlesAndTooltipsThatComeFromUsers() {
    String evil = "<script>alert('x')</script>&\"";
    Distribution d =
        Distribution.categorical(Map.of(evil, 3L, "ok", 1L), 0, Map.of(evil, 1L, "ok", 1L), 0, 12);

    String out = GroupedBarChart.of(d).title("feature " + evil).toSvg();

    assertThat(out)
        .doesNotContain("<script")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    SvgDom svg = SvgDom.parse(out);
    assertThat(svg.root().getAttribute("aria-label")).startsWith("feature " + evil);
    assertThat(svg.all("//*[@class='bar']").get(0).getAttribute("data-category")).isEqualTo(evil);
    assertThat(svg.all("//*[local-name()='script']")).isEmpty();
  }

  @Test
  void isAccessibleWithARoleALabelAndATitle() {
    SvgDom svg =
        SvgDom.parse(
            GroupedBarChart.of(Distribution.numeric(List.of(0.0), List.of(1L, 1L), List.of(1L, 1L)))
                .title("age")
                .toSvg());

    assertThat(svg.root().getAttribute("role")).isEqualTo("img");
    assertThat(svg.root().getAttribute("aria-label")).isEqualTo("age: 2 bins; current; reference");
    assertThat(svg.one("/*/*[local-name()='title']").getTextContent())
        .isEqualTo("age: 2 bins; current; reference");
    assertThat(svg.all("//*[@class='bar']/*[local-name()='title']").get(0).getTextContent())
        .isEqualTo("current · (-∞, 0]: 50% (1 values)");
  }

  @Test
  void slantsLabelsThatDoNotFitUnderTheirBar() {
    Distribution wide =
        Distribution.categorical(
            Map.of(
                "a category with a long name",
                1L,
                "another long category name",
                1L,
                "x",
                1L,
                "y",
                1L,
                "z",
                1L,
                "w",
                1L,
                "v",
                1L,
                "u",
                1L),
            0,
            null,
            0,
            12);

    SvgDom svg = SvgDom.parse(GroupedBarChart.of(wide).size(400, 240).toSvg());

    assertThat(
            svg.all(
                "//*[@class='x-axis']//*[local-name()='text'][starts-with(@transform,'rotate(-35')]"))
        .hasSize(8);
    assertThat(svg.texts("//*[@class='x-axis']//*[local-name()='text']"))
        .contains("a category with a…");
  }

  @Test
  void saysNoDataWhenThereAreNoBins() {
    Distribution empty = Distribution.categorical(Map.of(), 0, null, 0, 12);

    SvgDom svg = SvgDom.parse(GroupedBarChart.of(empty).toSvg());

    assertThat(svg.all("//*[@class='bar']")).isEmpty();
    assertThat(svg.texts("//*[local-name()='text']")).contains("no data");
  }

  @Test
  void refusesSeriesThatDoNotMatchTheCategories() {
    GroupedBarChart chart = GroupedBarChart.builder().categories(List.of("a", "b"), null);

    assertThatThrownBy(() -> chart.series("s", Palette.BLUE, List.of(1.0), null))
        .hasMessage("series 's' needs one value per category (2) but has 1");
    assertThatThrownBy(() -> chart.series("s", Palette.BLUE, List.of(1.0, -1.0), null))
        .hasMessageContaining("not finite and >= 0: -1.0");
  }
}
