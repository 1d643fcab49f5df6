package dev.modelmonitor.ui.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * One horizontal bar per item, largest first by default, with dashed threshold markers: drift
 * scores per feature, error counts per type. Flagged items (for example drifted features) are drawn
 * in vermillion, the others in blue, and the legend says which is which.
 *
 * <pre>{@code
 * String svg = HorizontalBarChart.builder().title("PSI by feature")
 *     .bar("age", 0.31, true).bar("plan", 0.02, false)
 *     .marker(0.1, "moderate").marker(0.2, "major").toSvg();
 * }</pre>
 */
public final class HorizontalBarChart {
  /** Height of one row. */
  public static final double ROW = 22;

  /** Pixels above the first row (title, legend and marker labels). */
  public static final double TOP = 60;

  private static final double BOTTOM = 26;
  private static final double FONT = 12;

  /**
   * One bar.
   *
   * @param label the item's name
   * @param value its value (finite, at least 0)
   * @param flagged whether it is drawn as over a threshold
   */
  public record Bar(String label, double value, boolean flagged) {}

  /**
   * A dashed vertical line across all rows.
   *
   * @param value where it stands
   * @param label what it means, such as "major (0.2)"
   */
  public record Marker(double value, String label) {}

  private final List<Bar> bars = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private String title = "";
  private double width = 560;
  private boolean sorted = true;
  private DoubleFunction<String> format = Numbers::format;
  private String flaggedName = "over threshold";
  private String normalName = "within threshold";
  private int maxBars = 40;

  private HorizontalBarChart() {}

  public static HorizontalBarChart builder() {
    return new HorizontalBarChart();
  }

  public HorizontalBarChart title(String title) {
    this.title = Objects.requireNonNull(title, "title");
    return this;
  }

  public HorizontalBarChart width(double width) {
    if (width < 200) {
      throw new IllegalArgumentException("width must be at least 200 but was " + width);
    }
    this.width = width;
    return this;
  }

  public HorizontalBarChart bar(String label, double value, boolean flagged) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          "bar '" + label + "' must be finite and >= 0 but was " + value);
    }
    bars.add(new Bar(Objects.requireNonNull(label, "label"), value, flagged));
    return this;
  }

  public HorizontalBarChart marker(double value, String label) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("marker must be finite but was " + value);
    }
    markers.add(new Marker(value, label));
    return this;
  }

  /** Keep the order bars were added in, instead of largest first. */
  public HorizontalBarChart keepOrder() {
    this.sorted = false;
    return this;
  }

  public HorizontalBarChart valueFormat(DoubleFunction<String> format) {
    this.format = Objects.requireNonNull(format, "format");
    return this;
  }

  /** Legend names of flagged and other bars (default "over threshold" / "within threshold"). */
  public HorizontalBarChart legend(String flagged, String normal) {
    this.flaggedName = flagged;
    this.normalName = normal;
    return this;
  }

  /** Bars drawn at most (default 40); the chart says how many more there are. */
  public HorizontalBarChart maxBars(int maxBars) {
    if (maxBars < 1) {
      throw new IllegalArgumentException("maxBars must be at least 1 but was " + maxBars);
    }
    this.maxBars = maxBars;
    return this;
  }

  /**
   * The bars in drawing order (largest first unless {@link #keepOrder}), cut to {@link #maxBars}.
   */
  public List<Bar> drawnBars() {
    List<Bar> list = new ArrayList<>(bars);
    if (sorted) {
      list.sort(Comparator.comparingDouble(Bar::value).reversed());
    }
    return list.subList(0, Math.min(maxBars, list.size()));
  }

  /** The scale of the value axis. */
  public NiceScale scale() {
    double max = 0;
    for (Bar b : bars) {
      max = Math.max(max, b.value);
    }
    for (Marker m : markers) {
      max = Math.max(max, m.value);
    }
    return NiceScale.of(0, max == 0 ? 1 : max, 5);
  }

  /** Left edge of the bars: after the widest label. */
  public double plotLeft() {
    double widest = 40;
    for (Bar b : drawnBars()) {
      widest = Math.max(widest, SvgWriter.textWidth(Markup.truncate(b.label, 24), FONT));
    }
    return Math.min(widest + 14, width * 0.4);
  }

  /** Width of the value axis. */
  public double plotWidth() {
    return width - plotLeft() - 56;
  }

  public double height() {
    int rows = drawnBars().size();
    boolean more = bars.size() > rows;
    return TOP + Math.max(1, rows) * ROW + BOTTOM + (more ? 18 : 0);
  }

  public String toSvg() {
    List<Bar> drawn = drawnBars();
    double height = height();
    SvgWriter svg = new SvgWriter().open("hbars", width, height, label(drawn));
    svg.text(0, 16, "start", title, "font-size", 14, "font-weight", 600);
    boolean anyFlagged = drawn.stream().anyMatch(Bar::flagged);
    boolean anyNormal = drawn.stream().anyMatch(b -> !b.flagged);
    List<String> names = new ArrayList<>();
    List<String> colours = new ArrayList<>();
    if (anyFlagged) {
      names.add(flaggedName);
      colours.add(Palette.FLAGGED);
    }
    if (anyNormal) {
      names.add(normalName);
      colours.add(Palette.CURRENT);
    }
    svg.legend(2, 34, names.toArray(String[]::new), colours.toArray(String[]::new));
    if (drawn.isEmpty()) {
      svg.text(width / 2, TOP + ROW / 2 + 4, "middle", "no data", "fill", Palette.MUTED_TEXT);
      return svg.close();
    }
    NiceScale scale = scale();
    double left = plotLeft();
    double plotW = plotWidth();
    double bottom = TOP + drawn.size() * ROW;

    svg.start("g", "class", "x-axis");
    for (double tick : scale.ticks()) {
      double x = left + scale.fraction(tick) * plotW;
      svg.line(x, TOP - 4, x, bottom, Palette.GRID);
      svg.text(x, bottom + 16, "middle", format.apply(tick), "fill", Palette.MUTED_TEXT);
    }
    svg.end("g");

    svg.start("g", "class", "bars");
    for (int i = 0; i < drawn.size(); i++) {
      Bar b = drawn.get(i);
      double y = TOP + i * ROW;
      double w = scale.fraction(b.value) * plotW;
      String colour = b.flagged ? Palette.FLAGGED : Palette.CURRENT;
      svg.start("g", "class", "row");
      svg.title(
          b.label + ": " + format.apply(b.value) + (b.flagged ? " (" + flaggedName + ")" : ""));
      svg.text(left - 8, y + ROW / 2 + 4, "end", SvgWriter.fit(b.label, left - 12, FONT));
      svg.empty(
          "rect",
          "class",
          "bar",
          "data-label",
          b.label,
          "data-value",
          b.value,
          "data-flagged",
          b.flagged,
          "x",
          left,
          "y",
          y + 3,
          "width",
          w,
          "height",
          ROW - 6,
          "fill",
          colour);
      svg.text(
          left + w + 4,
          y + ROW / 2 + 4,
          "start",
          format.apply(b.value),
          "fill",
          Palette.MUTED_TEXT,
          "font-size",
          11);
      svg.end("g");
    }
    svg.end("g");
    svg.line(left, TOP - 4, left, bottom, Palette.AXIS);

    double labelY = TOP - 8;
    for (Marker m : markers) {
      double x = left + scale.fraction(m.value) * plotW;
      svg.start("g", "class", "marker", "data-value", m.value);
      svg.title(m.label + ": " + format.apply(m.value));
      svg.line(
          x, TOP - 4, x, bottom, Palette.THRESHOLD, "stroke-width", 1.5, "stroke-dasharray", "5 3");
      svg.text(x, labelY, "middle", m.label, "fill", Palette.THRESHOLD, "font-size", 11);
      svg.end("g");
    }
    if (bars.size() > drawn.size()) {
      svg.text(
          left,
          height - 6,
          "start",
          (bars.size() - drawn.size()) + " more not shown",
          "fill",
          Palette.MUTED_TEXT,
          "font-size",
          11);
    }
    return svg.close();
  }

  private String label(List<Bar> drawn) {
    StringBuilder s = new StringBuilder(title.isEmpty() ? "Bar chart" : title);
    s.append(": ").append(bars.size()).append(bars.size() == 1 ? " item" : " items");
    long flagged = bars.stream().filter(Bar::flagged).count();
    if (flagged > 0) {
      s.append(", ").append(flagged).append(' ').append(flaggedName);
    }
    if (!drawn.isEmpty()) {
      s.append("; highest ")
          .append(drawn.get(0).label)
          .append(' ')
          .append(format.apply(drawn.get(0).value));
    }
    return s.toString();
  }
}
