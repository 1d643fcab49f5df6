package dev.modelmonitor.alerts.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code params} a rule may give, by metric kind, with their defaults; every one is
 * documented in the README ("Rule parameters").
 *
 * <ul>
 *   <li>{@value #MIN_EVENTS} (windowed metrics): fewer events in the window count as no data.
 *       Default 1, and 30 for the drift metrics (tests on fewer values are noise).
 *   <li>{@value #NO_DATA}: {@code resolve} (default: no data is a false condition, so pending
 *       clears and firing resolves) or {@code keep} (no data changes nothing).
 *   <li>{@value #RELATIVE_TO} ({@code missing_rate}): {@code reference} measures the increase
 *       over the reference's missing rate; default {@code none}.
 *   <li>{@value #METHOD} ({@code drift}, {@code prediction_drift}): {@code psi} (default), {@code
 *       js}, {@code ks}, {@code wasserstein_normed}, or {@code decision} (1 when the default
 *       decision of DESIGN §5 says drifted, else 0).
 *   <li>{@value #SOURCE} ({@code silence_s}): {@code any} (default), {@code predictions},
 *       {@code heartbeat}, or {@code instance} (seconds since the instance not STOPPED that served a
 *       prediction longest ago last served one: finds one hung pod, heartbeating or not, while its
 *       siblings keep the model busy).
 *   <li>Page-Hinkley ({@code change:<series>}): {@value #DELTA}, {@value #LAMBDA}, {@value
 *       #ALPHA}, {@value #MIN_SAMPLES}, {@value #DIRECTION} ({@code up}, {@code down}, {@code
 *       both}), {@value #SCALE} ({@code relative} to the mean of the warm-up samples, or {@code
 *       absolute}); see {@code PageHinkley} for the defaults per series.
 * </ul>
 */
public final class RuleParams {
  public static final String MIN_EVENTS = "min_events";
  public static final String NO_DATA = "no_data";
  public static final String RELATIVE_TO = "relative_to";
  public static final String METHOD = "method";
  public static final String SOURCE = "source";
  public static final String DELTA = "delta";
  public static final String LAMBDA = "lambda";
  public static final String ALPHA = "alpha";
  public static final String MIN_SAMPLES = "min_samples";
  public static final String DIRECTION = "direction";
  public static final String SCALE = "scale";

  /** Drift scores a {@code drift} rule can compare. */
  public static final List<String> DRIFT_METHODS =
      List.of("psi", "js", "ks", "wasserstein_normed", "decision");

  private static final Set<MetricKind> WINDOWED =
      EnumSet.of(
          MetricKind.ERROR_RATE,
          MetricKind.LATENCY_QUANTILE,
          MetricKind.THROUGHPUT,
          MetricKind.MISSING_RATE,
          MetricKind.DRIFT,
          MetricKind.DRIFT_SHARE,
          MetricKind.PREDICTION_DRIFT);

  private RuleParams() {}

  /** The keys {@code kind} accepts, with what each takes. */
  static Map<String, String> accepted(MetricKind kind) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(NO_DATA, "resolve|keep");
    if (WINDOWED.contains(kind)) {
      keys.put(MIN_EVENTS, "a whole number >= 0");
    }
    switch (kind) {
      case MISSING_RATE -> keys.put(RELATIVE_TO, "reference|none");
      case DRIFT, PREDICTION_DRIFT -> keys.put(METHOD, String.join("|", DRIFT_METHODS));
      case SILENCE -> keys.put(SOURCE, "any|predictions|heartbeat|instance");
      case CHANGE -> {
        keys.put(DELTA, "a number >= 0");
        keys.put(LAMBDA, "a number > 0");
        keys.put(ALPHA, "a number in (0, 1]");
        keys.put(MIN_SAMPLES, "a whole number >= 1");
        keys.put(DIRECTION, "up|down|both");
        keys.put(SCALE, "relative|absolute");
      }
      default -> {}
    }
    return keys;
  }

  /** Problems with {@code params} for {@code kind}, as "params.key: …" phrases. */
  static List<String> problems(MetricKind kind, Map<String, String> params) {
    Map<String, String> accepted = accepted(kind);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      String key = e.getKey();
      String value = e.getValue() == null ? "" : e.getValue().trim();
      String expected = accepted.get(key);
      if (expected == null) {
        problems.add(
            "field 'params." + key + "': unknown parameter for this metric; accepted: "
                + (accepted.isEmpty() ? "none" : String.join(", ", accepted.keySet())));
        continue;
      }
      if (!valid(key, value, expected)) {
        problems.add("field 'params." + key + "': must be " + expected + " but was '" + value + "'");
      }
    }
    return problems;
  }

  private static boolean valid(String key, String value, String expected) {
    switch (key) {
      case MIN_EVENTS:
        return wholeNumber(value, 0);
      case MIN_SAMPLES:
        return wholeNumber(value, 1);
      case DELTA:
        return number(value, 0, Double.MAX_VALUE, true);
      case LAMBDA:
        return number(value, 0, Double.MAX_VALUE, false);
      case ALPHA:
        return number(value, 0, 1, false) && Double.parseDouble(value) <= 1;
      default:
        return List.of(expected.split("\\|")).contains(value);
    }
  }

  private static boolean wholeNumber(String value, long min) {
    try {
      return Long.parseLong(value) >= min;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean number(String value, double min, double max, boolean minInclusive) {
    try {
      double d = Double.parseDouble(value);
      return Double.isFinite(d) && (minInclusive ? d >= min : d > min) && d <= max;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
