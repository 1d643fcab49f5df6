package dev.modelmonitor.checks;

import dev.modelmonitor.stats.DriftThresholds;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The thresholds of the active checks: built-in defaults, then the service's ({@link
 * ChecksSettings#thresholds()}), then the model's (its reference's {@code driftThresholds}), then
 * the request's {@code thresholds} map; the later wins.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>a finding is</th></tr>
 *   <tr><td>{@value #ERROR_RATE}</td><td>0.05</td><td>FAIL above (share of outcomes not OK)</td></tr>
 *   <tr><td>{@value #HEARTBEAT_AGE_S}</td><td>3 heartbeat intervals as the app reports them, else
 *       60</td><td>FAIL above (age of the newest heartbeat)</td></tr>
 *   <tr><td>{@value #LATENCY_P50_MS}, {@value #LATENCY_P90_MS}</td><td>none</td><td>WARN above</td></tr>
 *   <tr><td>{@value #LATENCY_P99_MS}</td><td>1000</td><td>WARN above</td></tr>
 *   <tr><td>{@value #MIN_EVENTS}</td><td>1</td><td>fewer predictions in the lookback: NO_DATA</td></tr>
 *   <tr><td>{@value #MISSING_RATE_INCREASE}</td><td>0.05</td><td>WARN when a feature's missing
 *       rate exceeds the reference's by more</td></tr>
 *   <tr><td>{@value #TYPE_MISMATCH_RATE}</td><td>0</td><td>WARN above (values of the wrong type)</td></tr>
 *   <tr><td>{@value #UNSEEN_CATEGORY_RATE}</td><td>0.01</td><td>WARN above (values in categories
 *       the reference lacks)</td></tr>
 *   <tr><td>{@value #OUT_OF_RANGE_RATE}</td><td>0.05</td><td>WARN above (numeric values outside
 *       the reference's [min, max])</td></tr>
 *   <tr><td>{@value #ACCURACY_MIN}</td><td>none</td><td>FAIL below</td></tr>
 *   <tr><td>{@value #MAE_MAX}, {@value #RMSE_MAX}</td><td>none</td><td>FAIL above</td></tr>
 *   <tr><td>drift keys of {@link DriftThresholds}</td><td>DESIGN §5</td><td>a drifted feature or
 *       prediction WARN; dataset drift ({@code dataset_drift_share}) FAIL</td></tr>
 * </table>
 *
 * <p>The data-quality and drift keys also take a feature prefix: {@code temp.out_of_range_rate},
 * {@code temp.wasserstein_normed}.
 */
public final class CheckThresholds {
  public static final String ERROR_RATE = "error_rate";
  public static final String HEARTBEAT_AGE_S = "heartbeat_age_s";
  public static final String LATENCY_P50_MS = "latency_p50_ms";
  public static final String LATENCY_P90_MS = "latency_p90_ms";
  public static final String LATENCY_P99_MS = "latency_p99_ms";
  public static final String MIN_EVENTS = "min_events";
  public static final String MISSING_RATE_INCREASE = "missing_rate_increase";
  public static final String TYPE_MISMATCH_RATE = "type_mismatch_rate";
  public static final String UNSEEN_CATEGORY_RATE = "unseen_category_rate";
  public static final String OUT_OF_RANGE_RATE = "out_of_range_rate";
  public static final String ACCURACY_MIN = "accuracy_min";
  public static final String MAE_MAX = "mae_max";
  public static final String RMSE_MAX = "rmse_max";

  /** Heartbeat age threshold when neither a setting nor the app's interval gives one. */
  static final double DEFAULT_HEARTBEAT_AGE_S = 60;

  private static final Map<String, Double> DEFAULTS = Map.of(
      ERROR_RATE, 0.05,
      LATENCY_P99_MS, 1000.0,
      MIN_EVENTS, 1.0,
      MISSING_RATE_INCREASE, 0.05,
      TYPE_MISMATCH_RATE, 0.0,
      UNSEEN_CATEGORY_RATE, 0.01,
      OUT_OF_RANGE_RATE, 0.05);
  private static final Set<String> GLOBAL_KEYS = Set.of(ERROR_RATE, HEARTBEAT_AGE_S,
      LATENCY_P50_MS, LATENCY_P90_MS, LATENCY_P99_MS, MIN_EVENTS, ACCURACY_MIN, MAE_MAX, RMSE_MAX);
  private static final Set<String> FEATURE_KEYS = Set.of(MISSING_RATE_INCREASE,
      TYPE_MISMATCH_RATE, UNSEEN_CATEGORY_RATE, OUT_OF_RANGE_RATE);
  private static final Set<String> RATES = Set.of(ERROR_RATE, MISSING_RATE_INCREASE,
      TYPE_MISMATCH_RATE, UNSEEN_CATEGORY_RATE, OUT_OF_RANGE_RATE, ACCURACY_MIN);
  private static final Set<String> DRIFT_KEYS = Set.of(DriftThresholds.KS,
      DriftThresholds.WASSERSTEIN_NORMED, DriftThresholds.CHI_SQUARE,
      DriftThresholds.JENSEN_SHANNON, DriftThresholds.PSI, DriftThresholds.SMALL_REFERENCE_SIZE,
      DriftThresholds.DATASET_DRIFT_SHARE);

  private final Map<String, Double> values;
  private final boolean heartbeatExplicit;
  private final DriftThresholds drift;

  private CheckThresholds(Map<String, Double> values, boolean heartbeatExplicit,
      DriftThresholds drift) {
    this.values = values;
    this.heartbeatExplicit = heartbeatExplicit;
    this.drift = drift;
  }

  /**
   * What is wrong with {@code thresholds} as a request or setting would give them, in words naming
   * the key; {@code null} when they are usable.
   */
  public static String problem(Map<String, Double> thresholds) {
    Map<String, Double> driftPart = new HashMap<>();
    for (Map.Entry<String, Double> e : thresholds.entrySet()) {
      String key = e.getKey();
      Double value = e.getValue();
      if (key == null || key.isBlank()) {
        return "a threshold key is blank";
      }
      if (value == null || !Double.isFinite(value) || value < 0) {
        return "threshold '" + key + "' must be a finite number >= 0 but was " + value;
      }
      String name = baseName(key);
      boolean featureScoped = !name.equals(key);
      if (DRIFT_KEYS.contains(name)) {
        driftPart.put(key, value);
      } else if (featureScoped ? !FEATURE_KEYS.contains(name)
          : !GLOBAL_KEYS.contains(name) && !FEATURE_KEYS.contains(name)) {
        return "unknown threshold '" + key + "'; known: " + knownKeys()
            + ", or <feature>.<key> for " + new TreeSet<>(FEATURE_KEYS) + " and the drift keys";
      } else if (RATES.contains(name) && value > 1) {
        return "threshold '" + key + "' is a share in [0, 1] but was " + value;
      } else if (name.equals(MIN_EVENTS) && (value < 1 || value != Math.rint(value))) {
        return "threshold '" + key + "' must be a whole number >= 1 but was " + value;
      }
    }
    try {
      DriftThresholds.defaults().withOverrides(driftPart);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    return null;
  }

  /** Every global key, sorted: for messages and help. */
  public static Set<String> knownKeys() {
    Set<String> keys = new TreeSet<>(GLOBAL_KEYS);
    keys.addAll(FEATURE_KEYS);
    keys.addAll(DRIFT_KEYS);
    return keys;
  }

  /**
   * The thresholds in force, the later map winning. Each map must have passed {@link
   * #problem(Map)}; the model's holds drift keys only.
   */
  static CheckThresholds resolve(Map<String, Double> service, Map<String, Double> model,
      Map<String, Double> request) {
    Map<String, Double> merged = new LinkedHashMap<>(DEFAULTS);
    merged.putAll(service);
    merged.putAll(model);
    merged.putAll(request);
    Map<String, Double> checks = new HashMap<>();
    Map<String, Double> driftPart = new HashMap<>();
    merged.forEach((key, value) -> {
      if (DRIFT_KEYS.contains(baseName(key))) {
        driftPart.put(key, value);
      } else {
        checks.put(key, value);
      }
    });
    boolean heartbeatExplicit = service.containsKey(HEARTBEAT_AGE_S)
        || request.containsKey(HEARTBEAT_AGE_S);
    return new CheckThresholds(
        checks, heartbeatExplicit, DriftThresholds.defaults().withOverrides(driftPart));
  }

  private static String baseName(String key) {
    int dot = key.lastIndexOf('.');
    return dot <= 0 ? key : key.substring(dot + 1);
  }

  /** The value of a global key, {@code null} when it has none. */
  Double value(String key) {
    return values.get(key);
  }

  /** The value of a feature key for {@code feature}: its own, else the global one. */
  Double value(String feature, String key) {
    Double own = values.get(feature + "." + key);
    return own != null ? own : values.get(key);
  }

  /**
   * The heartbeat age threshold in seconds: the explicit one, else three times the interval the
   * app reports (when it does), else {@value #DEFAULT_HEARTBEAT_AGE_S}.
   */
  double heartbeatAgeSeconds(long reportedIntervalMillis) {
    if (heartbeatExplicit || reportedIntervalMillis <= 0) {
      return values.getOrDefault(HEARTBEAT_AGE_S, DEFAULT_HEARTBEAT_AGE_S);
    }
    return 3 * reportedIntervalMillis / 1000.0;
  }

  DriftThresholds drift() {
    return drift;
  }
}
