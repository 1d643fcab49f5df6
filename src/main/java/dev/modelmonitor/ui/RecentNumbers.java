package dev.modelmonitor.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A model's "now" numbers, from its per-minute points: the complete minutes of the last {@code
 * recent} span (the minute in progress would understate throughput).
 *
 * @param perMinute predictions per minute, averaged over the span (minutes without points count as
 *     0)
 * @param errorRate errors per prediction over the span, or null without predictions
 * @param latencyP99Ms the highest per-minute p99 in the span, or null without latencies
 * @param driftShare the latest drift share of any point, or null
 */
record RecentNumbers(double perMinute, Double errorRate, Double latencyP99Ms, Double driftShare) {
  static RecentNumbers of(List<MinutePoint> points, Instant now, Duration recent) {
    Instant end = now.truncatedTo(ChronoUnit.MINUTES);
    Instant start = end.minus(recent);
    long events = 0;
    long errors = 0;
    Double p99 = null;
    Double drift = null;
    Instant driftAt = null;
    for (MinutePoint p : points) {
      if (p.driftShare() != null && (driftAt == null || p.start().isAfter(driftAt))) {
        drift = p.driftShare();
        driftAt = p.start();
      }
      if (p.start().isBefore(start) || !p.start().isBefore(end)) {
        continue;
      }
      events += p.events();
      errors += p.errors();
      if (p.latencyP99Ms() != null && (p99 == null || p.latencyP99Ms() > p99)) {
        p99 = p.latencyP99Ms();
      }
    }
    double minutes = Math.max(1, recent.toMinutes());
    return new RecentNumbers(
        events / minutes, events == 0 ? null : (double) errors / events, p99, drift);
  }
}
