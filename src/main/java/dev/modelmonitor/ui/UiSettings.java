package dev.modelmonitor.ui;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How the UI pages read.
 *
 * @param refresh how often pages reload themselves ({@code <meta http-equiv="refresh">}); zero
 *     turns reloading off
 * @param lookback how far back the charts reach
 * @param recent the span the "now" numbers of the overview cover (throughput, error rate, p99)
 * @param zone the zone times are shown in
 */
public record UiSettings(Duration refresh, Duration lookback, Duration recent, ZoneId zone) {
  /** Reload every 10 s, charts over the last hour, "now" as the last 5 complete minutes, UTC. */
  public static final UiSettings DEFAULTS =
      new UiSettings(
          Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofMinutes(5), ZoneOffset.UTC);

  public UiSettings {
    Objects.requireNonNull(zone, "zone");
    if (refresh.isNegative()) {
      throw new IllegalArgumentException("refresh must be zero or positive but was " + refresh);
    }
    if (lookback.compareTo(Duration.ofMinutes(2)) < 0) {
      throw new IllegalArgumentException("lookback must be at least 2 minutes but was " + lookback);
    }
    if (recent.compareTo(Duration.ofMinutes(1)) < 0 || recent.compareTo(lookback) > 0) {
      throw new IllegalArgumentException(
          "recent must be between 1 minute and the lookback (" + lookback + ") but was " + recent);
    }
  }

  /**
   * The same settings with reloading off (for error pages, which should not hammer the service).
   */
  public UiSettings withoutRefresh() {
    return new UiSettings(Duration.ZERO, lookback, recent, zone);
  }
}
