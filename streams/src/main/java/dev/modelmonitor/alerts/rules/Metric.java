package dev.modelmonitor.alerts.rules;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metric as a rule names it, parsed: {@code error_rate}, {@code latency_p99_ms}, {@code
 * throughput}, {@code missing_rate:<feature>|*}, {@code drift:<feature>|*}, {@code drift_share},
 * {@code prediction_drift}, {@code state}, {@code version}, {@code version_change}, {@code
 * silence_s}, {@code change:latency_ms|error_rate}.
 *
 * @param name as written
 * @param argument the feature ({@code *} for all) or the change detector's series; null when
 *     the metric takes none
 * @param quantile the rank in (0, 1) of a latency quantile; 0 otherwise
 */
public record Metric(String name, MetricKind kind, String argument, double quantile) {
  /** Every feature, in {@code missing_rate:*} and {@code drift:*}. */
  public static final String ALL_FEATURES = "*";
  /** Series a change detector can watch. */
  public static final List<String> CHANGE_SERIES = List.of("latency_ms", "error_rate");

  private static final Pattern LATENCY = Pattern.compile("latency_p(\\d{1,2}(?:\\.\\d{1,3})?)_ms");

  /** The forms accepted, for messages and docs. */
  public static final List<String> FORMS =
      List.of(
          "error_rate",
          "latency_p50_ms (any percentile p0.1..p99.999: latency_p90_ms, latency_p99.9_ms)",
          "throughput",
          "missing_rate:<feature> or missing_rate:*",
          "drift:<feature> or drift:*",
          "drift_share",
          "prediction_drift",
          "state",
          "version",
          "version_change",
          "silence_s",
          "change:latency_ms or change:error_rate");

  public Metric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Parses a metric name.
   *
   * @throws IllegalArgumentException saying what is accepted
   */
  public static Metric parse(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("required; one of " + String.join(", ", FORMS));
    }
    String s = name.trim();
    switch (s) {
      case "error_rate":
        return new Metric(s, MetricKind.ERROR_RATE, null, 0);
      case "throughput":
        return new Metric(s, MetricKind.THROUGHPUT, null, 0);
      case "drift_share":
        return new Metric(s, MetricKind.DRIFT_SHARE, null, 0);
      case "prediction_drift":
        return new Metric(s, MetricKind.PREDICTION_DRIFT, null, 0);
      case "state":
        return new Metric(s, MetricKind.STATE, null, 0);
      case "version":
        return new Metric(s, MetricKind.VERSION, null, 0);
      case "version_change":
        return new Metric(s, MetricKind.VERSION_CHANGE, null, 0);
      case "silence_s":
        return new Metric(s, MetricKind.SILENCE, null, 0);
      default:
        break;
    }
    Matcher latency = LATENCY.matcher(s);
    if (latency.matches()) {
      double percent = Double.parseDouble(latency.group(1));
      if (percent <= 0 || percent >= 100) {
        throw new IllegalArgumentException(
            "'" + s + "': the percentile must be between 0 and 100 exclusive, e.g. latency_p99_ms");
      }
      return new Metric(s, MetricKind.LATENCY_QUANTILE, null, percent / 100.0);
    }
    int colon = s.indexOf(':');
    if (colon > 0) {
      String prefix = s.substring(0, colon);
      String argument = s.substring(colon + 1).trim();
      if (argument.isEmpty()) {
        throw new IllegalArgumentException("'" + s + "' names no feature or series after ':'");
      }
      switch (prefix) {
        case "missing_rate":
          return new Metric(s, MetricKind.MISSING_RATE, argument, 0);
        case "drift":
          return new Metric(s, MetricKind.DRIFT, argument, 0);
        case "change":
          if (!CHANGE_SERIES.contains(argument)) {
            throw new IllegalArgumentException(
                "'" + s + "': a change detector watches one of " + CHANGE_SERIES);
          }
          return new Metric(s, MetricKind.CHANGE, argument, 0);
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "unknown metric '" + s + "'; one of " + String.join(", ", FORMS));
  }

  /** Whether it covers every feature ({@code missing_rate:*}, {@code drift:*}). */
  public boolean allFeatures() {
    return ALL_FEATURES.equals(argument);
  }

  @Override
  public String toString() {
    return name;
  }
}
