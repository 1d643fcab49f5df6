package dev.modelmonitor.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class LineChartTest {
  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  @Test
  void breaksTheLineAtMissingValuesAndDotsLonePoints() {
    List<LineChart.Point> points =
        List.of(
            p(0, 0.01),
            p(1, 0.02),
            LineChart.Point.missing(T0.plusSeconds(120)),
            p(3, 0.03),
            p(4, 0.01),
            LineChart.Point.missing(T0.plusSeconds(300)),
            p(6, 0.04));
    LineChart chart = LineChart.builder().title("error rate").series("churn", points);

    SvgDom svg = SvgDom.parse(chart.toSvg());

    String d = svg.one("//*[@class='series']/*[@class='line']").getAttribute("d");
    assertThat(d.chars().filter(c -> c == 'M').count()).isEqualTo(3);
    assertThat(d.chars().filter(c -> c == 'L').count()).isEqualTo(2);
    Element dot = svg.one("//*[@class='series']/*[@class='point']");
    assertThat(SvgDom.num(dot, "cx")).isCloseTo(chart.x(T0.plusSeconds(360)), within(1e-9));
    assertThat(SvgDom.num(dot, "cy")).isCloseTo(chart.y(0.04), within(1e-9));
  }

  @Test
  void breaksTheLineWherePointsAreFurtherApartThanMaxGap() {
    List<LineChart.Point> points = List.of(p(0, 1), p(1, 2), p(10, 3), p(11, 4));

    SvgDom svg =
        SvgDom.parse(LineChart.builder().series("s", points).maxGap(Duration.ofMinutes(2)).toSvg());

    String d = svg.one("//*[@class='line']").getAttribute("d");
    assertThat(d).matches("M\\S+ \\S+ L\\S+ \\S+ M\\S+ \\S+ L\\S+ \\S+");
  }

  @Test
  void drawsTheThresholdAcrossThePlotAndIncludesItInTheScale() {
    LineChart chart =
        LineChart.builder()
            .series("p99", List.of(p(0, 10), p(1, 20)))
            .threshold(250, "alert at 250 ms")
            .size(600, 240);

    SvgDom svg = SvgDom.parse(chart.toSvg());

    assertThat(chart.yScale().max()).isGreaterThanOrEqualTo(250);
    assertThat(chart.yScale().min()).isEqualTo(0);
    Element line = svg.one("//*[@class='threshold']/*[local-name()='line']");
    assertThat(SvgDom.num(line, "y1")).isCloseTo(chart.y(250), within(1e-9));
    assertThat(SvgDom.num(line, "x1")).isEqualTo(LineChart.LEFT);
    assertThat(SvgDom.num(line, "x2")).isEqualTo(600 - LineChart.RIGHT);
    assertThat(svg.texts("//*[@class='threshold']/*[local-name()='text']"))
        .containsExactly("alert at 250 ms");
  }

  @Test
  void labelsTheTimeAxisAtRoundStepsAlignedToTheClockWithTheDateWhereItChanges() {
    List<LineChart.Point> points = new ArrayList<>();
    Instant start = Instant.parse("2026-11-28T20:10:00Z");
    for (int h = 0; h <= 8; h++) {
      points.add(new LineChart.Point(start.plus(Duration.ofHours(h)), h));
    }

    SvgDom svg = SvgDom.parse(LineChart.builder().series("s", points).size(720, 260).toSvg());

    assertThat(svg.texts("//*[@class='x-axis']/*[local-name()='text']"))
        .containsExactly("22:00", "Nov 28", "00:00", "Nov 29", "02:00", "04:00");
  }

  @Test
  void givesEachSeriesAPaletteColourAndALegendEntry() {
    SvgDom svg =
        SvgDom.parse(
            LineChart.builder()
                .series("pod-a", List.of(p(0, 1), p(1, 2)))
                .series("pod-b", List.of(p(0, 2), p(1, 1)))
                .toSvg());

    assertThat(svg.all("//*[@class='series']/*[@class='line']"))
        .extracting(e -> e.getAttribute("stroke"))
        .containsExactly(Palette.series(0), Palette.series(1));
    assertThat(svg.texts("//*[@class='legend']/*[local-name()='text']"))
        .containsExactly("pod-a", "pod-b");
    assertThat(svg.root().getAttribute("aria-label"))
        .contains("pod-a: last 2")
        .contains("pod-b: last 1");
  }

  private static LineChart.Point p(int minute, double value) {
    return new LineChart.Point(T0.plus(Duration.ofMinutes(minute)), value);
  }
}
