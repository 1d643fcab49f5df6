package dev.modelmonitor.ui;

import dev.modelmonitor.report.ReportTimes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** How the UI writes times: absolute like the reports, and relative ("3 min ago"). */
final class UiTimes {
  private UiTimes() {}

  static String at(Instant time, ZoneId zone) {
    return ReportTimes.format(time, zone);
  }

  /** {@code 12 s ago}, {@code 3 min ago}, {@code 2 h ago}; "in the future" for clock skew. */
  static String ago(Instant time, Instant now) {
    if (time == null) {
      return "never";
    }
    Duration d = Duration.between(time, now);
    if (d.isNegative()) {
      return "just now";
    }
    return span(d) + " ago";
  }

  /**
   * A duration in its largest unit, one decimal where it helps: {@code 45 s}, {@code 12 min},
   * {@code 1.5 h}.
   */
  static String span(Duration d) {
    long s = d.getSeconds();
    if (s < 90) {
      return s + " s";
    }
    if (s < 90 * 60) {
      return Math.round(s / 60.0) + " min";
    }
    if (s < 36 * 3600) {
      return trim(s / 3600.0) + " h";
    }
    return trim(s / 86_400.0) + " d";
  }

  private static String trim(double v) {
    double rounded = Math.round(v * 10) / 10.0;
    return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
  }
}
