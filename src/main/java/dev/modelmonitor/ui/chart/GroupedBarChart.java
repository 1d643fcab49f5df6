package dev.modelmonitor.ui.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * Vertical bars grouped by category, one bar per series in each group: the current window next to
 * the reference per bin. Bars start at zero; the y axis has round ticks; labels that do not fit
 * under their group are slanted; each bar has a tooltip with its exact value.
 *
 * <pre>{@code
 * String svg = GroupedBarChart.of(Distribution.of(current, reference))
 *     .title("age: current vs reference").toSvg();
 * }</pre>
 */
public final class GroupedBarChart {
  /** Pixels from the top of the chart to the top of the plot (title and legend). */
  public static final double TOP = 44;

  /** Pixels left of the plot, for y tick labels. */
  public static final double LEFT = 52;

  /** Pixels right of the plot. */
  public static final double RIGHT = 12;

  private static final double FONT = 12;

  private record Series(String name, String colour, List<Double> values, List<String> notes) {}

  private final List<String> categories = new ArrayList<>();
  private final List<String> descriptions = new ArrayList<>();
  private final List<Series> series = new ArrayList<>();
  private String title = "";
  private String note;
  private double width = 560;
  private double height = 240;
  private DoubleFunction<String> format = Numbers::format;
  private Double yMax;

  private GroupedBarChart() {}

  /** An empty chart to fill with {@link #categories} and {@link #series}. */
  public static GroupedBarChart builder() {
    return new GroupedBarChart();
  }

  /** Current (blue) and, when present, reference (orange) shares per bin, as percentages. */
  public static GroupedBarChart of(Distribution distribution) {
    GroupedBarChart chart = new GroupedBarChart().valueFormat(Numbers::percent);
    List<String> labels = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    List<Double> cur = new ArrayList<>();
    List<Double> ref = new ArrayList<>();
    List<String> curNotes = new ArrayList<>();
    List<String> refNotes = new ArrayList<>();
    for (Distribution.Bin b : distribution.bins()) {
      labels.add(b.label());
      descriptions.add(b.description());
      cur.add(b.current());
      ref.add(b.reference());
      curNotes.add(Numbers.count(b.currentCount()) + " values");
      refNotes.add(Numbers.count(b.referenceCount()) + " values");
    }
    chart.categories(labels, descriptions);
    chart.series("current", Palette.CURRENT, cur, curNotes);
    if (distribution.hasReference()) {
      chart.series("reference", Palette.REFERENCE, ref, refNotes);
    }
    chart.note = distribution.note();
    return chart;
  }

  public GroupedBarChart title(String title) {
    this.title = Objects.requireNonNull(title, "title");
    return this;
  }

  public GroupedBarChart size(double width, double height) {
    if (width < 120 || height < 100) {
      throw new IllegalArgumentException(
          "chart must be at least 120x100 but was " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    return this;
  }

  /** The category labels, and longer descriptions for tooltips (or null to reuse the labels). */
  public GroupedBarChart categories(List<String> labels, List<String> descriptions) {
    if (descriptions != null && descriptions.size() != labels.size()) {
      throw new IllegalArgumentException(
          "need one description per category ("
              + labels.size()
              + ") but got "
              + descriptions.size());
    }
    categories.clear();
    categories.addAll(labels);
    this.descriptions.clear();
    this.descriptions.addAll(descriptions == null ? labels : descriptions);
    return this;
  }

  /** One series: a value per category (non-negative) and optional tooltip notes per category. */
  public GroupedBarChart series(
      String name, String colour, List<Double> values, List<String> notes) {
    if (values.size() != categories.size()) {
      throw new IllegalArgumentException(
          "series '"
              + name
              + "' needs one value per category ("
              + categories.size()
              + ") but has "
              + values.size());
    }
    for (double v : values) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(
            "series '" + name + "' has a value that is not finite and >= 0: " + v);
      }
    }
    series.add(
        new Series(name, colour, List.copyOf(values), notes == null ? null : List.copyOf(notes)));
    return this;
  }

  /** How values read on the axis and in tooltips (default {@link Numbers#format(double)}). */
  public GroupedBarChart valueFormat(DoubleFunction<String> format) {
    this.format = Objects.requireNonNull(format, "format");
    return this;
  }

  /** Fixes the top of the y axis (for comparable charts side by side); default: from the data. */
  public GroupedBarChart yMax(double yMax) {
    this.yMax = yMax;
    return this;
  }

  /** The scale the bars are drawn on. */
  public NiceScale scale() {
    double max = 0;
    for (Series s : series) {
      for (double v : s.values) {
        max = Math.max(max, v);
      }
    }
    if (yMax != null) {
      max = Math.max(max, yMax);
    }
    return NiceScale.of(0, max == 0 ? 1 : max, 5);
  }

  /** Height of the plot area, after title, legend and x labels. */
  public double plotHeight() {
    return height - TOP - bottomMargin();
  }

  public String toSvg() {
    SvgWriter svg = new SvgWriter().open("bars", width, height, label());
    svg.text(0, 16, "start", title, "font-size", 14, "font-weight", 600);
    String[] names = series.stream().map(Series::name).toArray(String[]::new);
    String[] colours = series.stream().map(Series::colour).toArray(String[]::new);
    svg.legend(2, 34, names, colours);
    if (categories.isEmpty()) {
      svg.text(
          width / 2,
          TOP + (height - TOP) / 2,
          "middle",
          note == null ? "no data" : note,
          "fill",
          Palette.MUTED_TEXT);
      return svg.close();
    }
    NiceScale scale = scale();
    double plotW = width - LEFT - RIGHT;
    double plotH = plotHeight();
    double baseY = TOP + plotH;
    svg.start("g", "class", "y-axis");
    for (double tick : scale.ticks()) {
      double y = baseY - scale.fraction(tick) * plotH;
      svg.line(LEFT, y, LEFT + plotW, y, Palette.GRID);
      svg.text(LEFT - 6, y + 4, "end", format.apply(tick), "fill", Palette.MUTED_TEXT);
    }
    svg.end("g");

    int n = categories.size();
    double group = plotW / n;
    double barW = group * 0.8 / Math.max(1, series.size());
    svg.start("g", "class", "bars");
    for (int i = 0; i < n; i++) {
      double x0 = LEFT + i * group + group * 0.1;
      for (int s = 0; s < series.size(); s++) {
        Series ser = series.get(s);
        double v = ser.values.get(i);
        double h = scale.fraction(v) * plotH;
        String tip =
            ser.name
                + " · "
                + descriptions.get(i)
                + ": "
                + format.apply(v)
                + (ser.notes == null ? "" : " (" + ser.notes.get(i) + ")");
        svg.withTitle(
            "rect",
            tip,
            "class",
            "bar",
            "data-series",
            ser.name,
            "data-category",
            categories.get(i),
            "data-value",
            v,
            "x",
            x0 + s * barW,
            "y",
            baseY - h,
            "width",
            barW,
            "height",
            h,
            "fill",
            ser.colour);
      }
    }
    svg.end("g");
    svg.line(LEFT, baseY, LEFT + plotW, baseY, Palette.AXIS);

    boolean slant = slanted();
    svg.start("g", "class", "x-axis");
    for (int i = 0; i < n; i++) {
      double cx = LEFT + i * group + group / 2;
      String text = Markup.truncate(categories.get(i), 18);
      svg.start("g", "class", "tick");
      svg.title(descriptions.get(i));
      if (slant) {
        double y = baseY + 14;
        svg.text(
            cx + 4,
            y,
            "end",
            text,
            "transform",
            "rotate(-35 " + SvgWriter.num(cx + 4) + " " + SvgWriter.num(y) + ")");
      } else {
        svg.text(cx, baseY + 17, "middle", text);
      }
      svg.end("g");
    }
    svg.end("g");
    // A note beside drawn bins is the caller's to show (the report prints it under the chart).
    return svg.close();
  }

  private String label() {
    StringBuilder s = new StringBuilder(title.isEmpty() ? "Bar chart" : title);
    s.append(": ").append(categories.size()).append(" bins");
    for (Series ser : series) {
      s.append("; ").append(ser.name);
    }
    return s.toString();
  }

  private boolean slanted() {
    if (categories.isEmpty()) {
      return false;
    }
    double group = (width - LEFT - RIGHT) / categories.size();
    for (String c : categories) {
      if (SvgWriter.textWidth(Markup.truncate(c, 18), FONT) > group - 4) {
        return true;
      }
    }
    return false;
  }

  private double bottomMargin() {
    if (!slanted()) {
      return 28;
    }
    double longest = 0;
    for (String c : categories) {
      longest = Math.max(longest, SvgWriter.textWidth(Markup.truncate(c, 18), FONT));
    }
    return Math.min(110, 18 + longest * Math.sin(Math.toRadians(35)) + 6);
  }
}
