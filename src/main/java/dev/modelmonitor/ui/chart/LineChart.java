package dev.modelmonitor.ui.chart;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * Lines over time, one per series: a time axis at round steps, a y axis with round ticks, an
 * optional dashed threshold, and gaps where a value is missing (NaN) or where two points are
 * further apart than {@link #maxGap}. A point standing alone between gaps is drawn as a dot.
 *
 * <pre>{@code
 * String svg = LineChart.builder().title("error rate")
 *     .series("churn", points).threshold(0.05, "alert at 5%")
 *     .valueFormat(Numbers::percent).toSvg();
 * }</pre>
 */
public final class LineChart {
  /** Pixels from the top of the chart to the top of the plot. */
  public static final double TOP = 48;

  /** Pixels left of the plot, for y tick labels. */
  public static final double LEFT = 56;

  /** Pixels right of the plot. */
  public static final double RIGHT = 16;

  /** Pixels under the plot, for time and date labels. */
  public static final double BOTTOM = 40;

  /**
   * One value at one time; NaN for a missing value, which breaks the line.
   *
   * @param time when
   * @param value the value, or NaN
   */
  public record Point(Instant time, double value) {
    public Point {
      Objects.requireNonNull(time, "time");
      if (Double.isInfinite(value)) {
        throw new IllegalArgumentException(
            "value at " + time + " must be finite or NaN but was " + value);
      }
    }

    public static Point missing(Instant time) {
      return new Point(time, Double.NaN);
    }
  }

  /**
   * One line.
   *
   * @param name the legend entry
   * @param colour its colour
   * @param points its points, in any order
   */
  public record Series(String name, String colour, List<Point> points) {}

  private final List<Series> series = new ArrayList<>();
  private String title = "";
  private double width = 720;
  private double height = 260;
  private Double threshold;
  private String thresholdLabel;
  private DoubleFunction<String> format = Numbers::format;
  private ZoneId zone = ZoneOffset.UTC;
  private Duration maxGap;
  private Double yMin;
  private Double yMax;
  private Instant from;
  private Instant to;

  private LineChart() {}

  public static LineChart builder() {
    return new LineChart();
  }

  public LineChart title(String title) {
    this.title = Objects.requireNonNull(title, "title");
    return this;
  }

  public LineChart size(double width, double height) {
    if (width < 200 || height < 120) {
      throw new IllegalArgumentException(
          "chart must be at least 200x120 but was " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    return this;
  }

  /** Adds a series in the next palette colour. */
  public LineChart series(String name, List<Point> points) {
    return series(name, Palette.series(series.size()), points);
  }

  public LineChart series(String name, String colour, List<Point> points) {
    List<Point> sorted = new ArrayList<>(points);
    sorted.sort((a, b) -> a.time().compareTo(b.time()));
    series.add(new Series(Objects.requireNonNull(name, "name"), colour, List.copyOf(sorted)));
    return this;
  }

  /** A dashed horizontal line at {@code value}, labelled {@code label}. */
  public LineChart threshold(double value, String label) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("threshold must be finite but was " + value);
    }
    this.threshold = value;
    this.thresholdLabel = label;
    return this;
  }

  public LineChart valueFormat(DoubleFunction<String> format) {
    this.format = Objects.requireNonNull(format, "format");
    return this;
  }

  /** The zone the time axis reads in (default UTC). */
  public LineChart zone(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
    return this;
  }

  /** Breaks a line where two consecutive points are further apart than {@code gap}. */
  public LineChart maxGap(Duration gap) {
    if (gap.isNegative() || gap.isZero()) {
      throw new IllegalArgumentException("maxGap must be positive but was " + gap);
    }
    this.maxGap = gap;
    return this;
  }

  /**
   * Fixes the y range (either end may be null for "from the data"). Default: from 0 when all values
   * are >= 0.
   */
  public LineChart yRange(Double min, Double max) {
    this.yMin = min;
    this.yMax = max;
    return this;
  }

  /** Fixes the time range (default: the first to the last point). */
  public LineChart timeRange(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException(
          "time range must end after it starts but was " + from + " to " + to);
    }
    this.from = from;
    this.to = to;
    return this;
  }

  /** The y scale the lines are drawn on. */
  public NiceScale yScale() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (Point p : s.points) {
        if (!Double.isNaN(p.value)) {
          lo = Math.min(lo, p.value);
          hi = Math.max(hi, p.value);
        }
      }
    }
    if (threshold != null) {
      lo = Math.min(lo, threshold);
      hi = Math.max(hi, threshold);
    }
    if (lo == Double.POSITIVE_INFINITY) {
      lo = 0;
      hi = 1;
    }
    if (yMin != null) {
      lo = yMin;
    } else if (lo >= 0) {
      lo = 0;
    }
    if (yMax != null) {
      hi = yMax;
    }
    return NiceScale.of(lo, hi, 6);
  }

  /** The x coordinate of {@code time}. */
  public double x(Instant time) {
    Instant[] range = timeRange();
    double span = range[1].toEpochMilli() - range[0].toEpochMilli();
    return LEFT + (time.toEpochMilli() - range[0].toEpochMilli()) / span * (width - LEFT - RIGHT);
  }

  /** The y coordinate of {@code value}. */
  public double y(double value) {
    double plotH = height - TOP - BOTTOM;
    return TOP + plotH - yScale().fraction(value) * plotH;
  }

  public String toSvg() {
    SvgWriter svg = new SvgWriter().open("line", width, height, label());
    svg.text(0, 16, "start", title, "font-size", 14, "font-weight", 600);
    svg.legend(
        2,
        36,
        series.stream().map(Series::name).toArray(String[]::new),
        series.stream().map(Series::colour).toArray(String[]::new));
    double plotW = width - LEFT - RIGHT;
    double baseY = height - BOTTOM;
    NiceScale scale = yScale();

    svg.start("g", "class", "y-axis");
    for (double tick : scale.ticks()) {
      double y = y(tick);
      svg.line(LEFT, y, LEFT + plotW, y, Palette.GRID);
      svg.text(LEFT - 6, y + 4, "end", format.apply(tick), "fill", Palette.MUTED_TEXT);
    }
    svg.end("g");

    Instant[] range = timeRange();
    svg.start("g", "class", "x-axis");
    int maxTicks = Math.max(2, (int) (plotW / 90));
    for (TimeAxis.Tick tick : TimeAxis.ticks(range[0], range[1], maxTicks, zone)) {
      double x = x(tick.time());
      svg.line(x, baseY, x, baseY + 4, Palette.AXIS);
      svg.text(x, baseY + 17, "middle", tick.label(), "fill", Palette.MUTED_TEXT);
      if (tick.date() != null) {
        svg.text(x, baseY + 31, "middle", tick.date(), "fill", Palette.MUTED_TEXT, "font-size", 11);
      }
    }
    svg.end("g");
    svg.line(LEFT, baseY, LEFT + plotW, baseY, Palette.AXIS);

    if (threshold != null) {
      double ty = y(threshold);
      String text = (thresholdLabel == null ? "threshold" : thresholdLabel);
      svg.start("g", "class", "threshold", "data-value", threshold);
      svg.title(text + ": " + format.apply(threshold));
      svg.line(
          LEFT,
          ty,
          LEFT + plotW,
          ty,
          Palette.THRESHOLD,
          "stroke-width",
          1.5,
          "stroke-dasharray",
          "6 4");
      svg.text(LEFT + plotW - 2, ty - 5, "end", text, "fill", Palette.THRESHOLD, "font-size", 11);
      svg.end("g");
    }

    for (Series s : series) {
      drawSeries(svg, s);
    }
    if (series.stream().allMatch(s -> s.points.stream().allMatch(p -> Double.isNaN(p.value)))) {
      svg.text(
          LEFT + plotW / 2,
          TOP + (baseY - TOP) / 2,
          "middle",
          "no data",
          "fill",
          Palette.MUTED_TEXT);
    }
    return svg.close();
  }

  private void drawSeries(SvgWriter svg, Series s) {
    List<List<Point>> runs = new ArrayList<>();
    List<Point> run = new ArrayList<>();
    Point previous = null;
    for (Point p : s.points) {
      boolean gap =
          Double.isNaN(p.value)
              || (previous != null
                  && maxGap != null
                  && Duration.between(previous.time, p.time).compareTo(maxGap) > 0);
      if (gap && !run.isEmpty()) {
        runs.add(run);
        run = new ArrayList<>();
      }
      if (!Double.isNaN(p.value)) {
        run.add(p);
        previous = p;
      } else {
        previous = null;
      }
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    svg.start("g", "class", "series", "data-series", s.name);
    svg.title(s.name + describe(s));
    StringBuilder d = new StringBuilder();
    for (List<Point> r : runs) {
      for (int i = 0; i < r.size(); i++) {
        Point p = r.get(i);
        if (d.length() > 0) {
          d.append(' ');
        }
        d.append(i == 0 ? 'M' : 'L')
            .append(SvgWriter.num(x(p.time)))
            .append(' ')
            .append(SvgWriter.num(y(p.value)));
      }
    }
    if (d.length() > 0) {
      svg.empty(
          "path",
          "class",
          "line",
          "d",
          d.toString(),
          "fill",
          "none",
          "stroke",
          s.colour,
          "stroke-width",
          2,
          "stroke-linejoin",
          "round",
          "stroke-linecap",
          "round");
    }
    for (List<Point> r : runs) {
      if (r.size() == 1) {
        Point p = r.get(0);
        svg.empty(
            "circle",
            "class",
            "point",
            "cx",
            x(p.time),
            "cy",
            y(p.value),
            "r",
            3,
            "fill",
            s.colour);
      }
    }
    svg.end("g");
  }

  private String describe(Series s) {
    for (int i = s.points.size() - 1; i >= 0; i--) {
      if (!Double.isNaN(s.points.get(i).value)) {
        return ": last " + format.apply(s.points.get(i).value);
      }
    }
    return ": no data";
  }

  private Instant[] timeRange() {
    if (from != null) {
      return new Instant[] {from, to};
    }
    Instant lo = null;
    Instant hi = null;
    for (Series s : series) {
      for (Point p : s.points) {
        lo = lo == null || p.time.isBefore(lo) ? p.time : lo;
        hi = hi == null || p.time.isAfter(hi) ? p.time : hi;
      }
    }
    if (lo == null) {
      Instant now = Instant.EPOCH;
      return new Instant[] {now, now.plusSeconds(3600)};
    }
    if (!hi.isAfter(lo)) {
      return new Instant[] {lo.minusSeconds(60), hi.plusSeconds(60)};
    }
    return new Instant[] {lo, hi};
  }

  private String label() {
    StringBuilder s = new StringBuilder(title.isEmpty() ? "Line chart" : title);
    Instant[] range = timeRange();
    s.append(", ").append(range[0]).append(" to ").append(range[1]);
    for (Series ser : series) {
      s.append("; ").append(ser.name).append(describe(ser));
    }
    if (threshold != null) {
      s.append("; threshold ").append(format.apply(threshold));
    }
    return s.toString();
  }
}
