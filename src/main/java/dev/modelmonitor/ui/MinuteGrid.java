package dev.modelmonitor.ui;

import dev.modelmonitor.ui.chart.LineChart;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Per-minute points laid on every complete minute of a span, so that charts and sparklines show
 * quiet minutes as such instead of joining the minutes around them. The minute in progress is left
 * out: its partial counts would read as a drop.
 */
final class MinuteGrid {
  private final List<Instant> minutes = new ArrayList<>();
  private final Map<Instant, MinutePoint> byMinute = new HashMap<>();

  /** The complete minutes of the {@code span} before {@code now}. */
  MinuteGrid(List<MinutePoint> points, Instant now, Duration span) {
    Instant end = now.truncatedTo(ChronoUnit.MINUTES);
    for (Instant m = end.minus(span); m.isBefore(end); m = m.plus(Duration.ofMinutes(1))) {
      minutes.add(m);
    }
    for (MinutePoint p : points) {
      byMinute.put(p.start().truncatedTo(ChronoUnit.MINUTES), p);
    }
  }

  Instant first() {
    return minutes.get(0);
  }

  Instant end() {
    return minutes.get(minutes.size() - 1).plus(Duration.ofMinutes(1));
  }

  /** Whether any minute has a point with events. */
  boolean hasEvents() {
    for (Instant m : minutes) {
      MinutePoint p = byMinute.get(m);
      if (p != null && p.events() > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The value of every minute; {@code absent} where the minute has no point (0 for counts, NaN for
   * rates and quantiles, which breaks the line), NaN everywhere if there is no point at all.
   */
  List<LineChart.Point> points(ToDoubleFunction<MinutePoint> value, double absent) {
    // Without a single point the source knows nothing of the model: that is no data, not zeros.
    double missing = byMinute.isEmpty() ? Double.NaN : absent;
    List<LineChart.Point> out = new ArrayList<>(minutes.size());
    for (Instant m : minutes) {
      MinutePoint p = byMinute.get(m);
      out.add(new LineChart.Point(m, p == null ? missing : value.applyAsDouble(p)));
    }
    return out;
  }

  /** The same values as an array, for sparklines. */
  double[] values(ToDoubleFunction<MinutePoint> value, double absent) {
    return points(value, absent).stream().mapToDouble(LineChart.Point::value).toArray();
  }

  static double orNaN(Double v) {
    return v == null ? Double.NaN : v;
  }
}
