package dev.modelmonitor.alerts;

import dev.modelmonitor.streams.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the alerts topology, each a declared key with a type, a default and a doc (see
 * {@link #configDef()}), readable from the service configuration with {@link #from(Map)}.
 * Immutable; {@code with…} methods return changed copies (tests, benchmarks).
 */
public final class AlertsSettings {
  public static final String EVALUATION_INTERVAL = "alerts.evaluation-interval";
  public static final String CHECKPOINT_INTERVAL = "alerts.checkpoint-interval";
  public static final String BUCKETS_PER_WINDOW = "alerts.buckets-per-window";
  public static final String DRIFT_BUCKETS_PER_WINDOW = "alerts.drift-buckets-per-window";
  public static final String MIN_BUCKET = "alerts.min-bucket";
  public static final String QUANTILE_REFRESH = "alerts.quantile-refresh";
  public static final String DRIFT_REFRESH = "alerts.drift-refresh";
  public static final String INSTANCE_EXPIRY = "alerts.instance-expiry";
  public static final String MODEL_EXPIRY = "alerts.model-expiry";
  public static final String MAX_FEATURES = "alerts.max-features";
  public static final String CONTEXT_ITEMS = "alerts.context-items";
  public static final String FUTURE_TOLERANCE = "alerts.future-tolerance";
  /** Shared with the service: base URL of the UI, for the alert links. */
  public static final String UI_BASE_URL = "ui.base-url";

  private static final ConfigDef DEFINITION = definition(true);

  private final Duration evaluationInterval;
  private final Duration checkpointInterval;
  private final int bucketsPerWindow;
  private final int driftBucketsPerWindow;
  private final Duration minBucket;
  private final Duration quantileRefresh;
  private final Duration driftRefresh;
  private final Duration instanceExpiry;
  private final Duration modelExpiry;
  private final int maxFeatures;
  private final int contextItems;
  private final Duration futureTolerance;
  private final String uiBaseUrl;

  private AlertsSettings(
      Duration evaluationInterval,
      Duration checkpointInterval,
      int bucketsPerWindow,
      int driftBucketsPerWindow,
      Duration minBucket,
      Duration quantileRefresh,
      Duration driftRefresh,
      Duration instanceExpiry,
      Duration modelExpiry,
      int maxFeatures,
      int contextItems,
      Duration futureTolerance,
      String uiBaseUrl) {
    this.evaluationInterval = positive(EVALUATION_INTERVAL, evaluationInterval);
    this.checkpointInterval = positive(CHECKPOINT_INTERVAL, checkpointInterval);
    if (bucketsPerWindow < 1) {
      throw new ConfigException(BUCKETS_PER_WINDOW, bucketsPerWindow, "must be at least 1");
    }
    this.bucketsPerWindow = bucketsPerWindow;
    if (driftBucketsPerWindow < 1) {
      throw new ConfigException(DRIFT_BUCKETS_PER_WINDOW, driftBucketsPerWindow, "must be at least 1");
    }
    this.driftBucketsPerWindow = driftBucketsPerWindow;
    this.minBucket = positive(MIN_BUCKET, minBucket);
    this.quantileRefresh = notNegative(QUANTILE_REFRESH, quantileRefresh);
    this.driftRefresh = notNegative(DRIFT_REFRESH, driftRefresh);
    this.instanceExpiry = positive(INSTANCE_EXPIRY, instanceExpiry);
    this.modelExpiry = positive(MODEL_EXPIRY, modelExpiry);
    this.maxFeatures = maxFeatures;
    this.contextItems = contextItems;
    this.futureTolerance = notNegative(FUTURE_TOLERANCE, futureTolerance);
    this.uiBaseUrl = Objects.requireNonNull(uiBaseUrl, "uiBaseUrl").replaceAll("/+$", "");
  }

  /** Every default. */
  public static AlertsSettings defaults() {
    return from(Map.of());
  }

  /**
   * Reads the keys of {@link #configDef()} (and {@value #UI_BASE_URL}) from {@code values};
   * other keys are ignored, so the whole service configuration can be passed.
   *
   * @throws ConfigException naming the key of a bad value
   */
  public static AlertsSettings from(Map<String, ?> values) {
    Map<String, Object> own = new HashMap<>();
    for (String key : DEFINITION.names()) {
      if (values.containsKey(key)) {
        own.put(key, values.get(key));
      }
    }
    AbstractConfig c = new AbstractConfig(DEFINITION, own, false);
    return new AlertsSettings(
        duration(c, EVALUATION_INTERVAL),
        duration(c, CHECKPOINT_INTERVAL),
        c.getInt(BUCKETS_PER_WINDOW),
        c.getInt(DRIFT_BUCKETS_PER_WINDOW),
        duration(c, MIN_BUCKET),
        duration(c, QUANTILE_REFRESH),
        duration(c, DRIFT_REFRESH),
        duration(c, INSTANCE_EXPIRY),
        duration(c, MODEL_EXPIRY),
        c.getInt(MAX_FEATURES),
        c.getInt(CONTEXT_ITEMS),
        duration(c, FUTURE_TOLERANCE),
        c.getString(UI_BASE_URL));
  }

  /**
   * The declared {@code alerts.*} keys, their defaults and docs, for the service to fold into its
   * configuration (which declares {@value #UI_BASE_URL} itself).
   */
  public static ConfigDef configDef() {
    return definition(false);
  }

  private static ConfigDef definition(boolean withUiBaseUrl) {
    ConfigDef.Validator duration = Durations.configValidator();
    ConfigDef def = new ConfigDef()
        .define(EVALUATION_INTERVAL, Type.STRING, "250ms", duration, Importance.MEDIUM,
            "How often (wall clock) every model's rules are evaluated without an event: silence, "
                + "'for' durations that complete, resolution once traffic stops. Rule and reference "
                + "changes also take effect within one interval.")
        .define(CHECKPOINT_INTERVAL, Type.STRING, "5s", duration, Importance.LOW,
            "How often the window state of changed models is written to the state store (alert "
                + "transitions are written at once). After a crash, windows may miss or double-count "
                + "up to this much of events.")
        .define(BUCKETS_PER_WINDOW, Type.INT, 60, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Resolution of sliding windows: a window of length W is kept in buckets of W divided "
                + "by this (rounded up to a multiple of alerts.min-bucket).")
        .define(DRIFT_BUCKETS_PER_WINDOW, Type.INT, 15, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Resolution of the windows of drift rules, whose buckets hold feature profiles: a window "
                + "of length W is kept in buckets of W divided by this.")
        .define(MIN_BUCKET, Type.STRING, "1s", duration, Importance.LOW,
            "Finest bucket width of the sliding windows.")
        .define(QUANTILE_REFRESH, Type.STRING, "50ms", duration, Importance.LOW,
            "Latency quantiles of a window are recomputed on an event at most this often per "
                + "model and window (merging sketches costs more than counting); 0 recomputes on every event.")
        .define(DRIFT_REFRESH, Type.STRING, "2s", duration, Importance.LOW,
            "Drift scores of a window are recomputed at most this often per model and window; "
                + "0 recomputes on every event.")
        .define(INSTANCE_EXPIRY, Type.STRING, "10m", duration, Importance.LOW,
            "An instance not heard from for this long no longer counts in the 'state' metric.")
        .define(MODEL_EXPIRY, Type.STRING, "7d", duration, Importance.LOW,
            "A model not heard from for this long is forgotten: its firing alerts resolve and its "
                + "state is deleted.")
        .define(MAX_FEATURES, Type.INT, 256, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Most features per model whose missing values are counted (bounds the state).")
        .define(CONTEXT_ITEMS, Type.INT, 5, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Most items of evidence (features, error types) an alert carries.")
        .define(FUTURE_TOLERANCE, Type.STRING, "1h", duration, Importance.LOW,
            "How far ahead of this instance's wall clock an event's timestamp may be. Prediction "
                + "and state events dated further ahead (a producer's clock far off, a timestamp in "
                + "the wrong unit) go to the dead-letter topic with reason FUTURE: a model's clock "
                + "is its latest event time, and one such event would move it so far ahead that "
                + "the model's windows ignore every real event after it.");
    if (withUiBaseUrl) {
      def.define(UI_BASE_URL, Type.STRING, "", Importance.LOW,
          "Base URL of the UI; alerts link to <base>/alerts/<alertId>. Empty: no link.");
    }
    return def;
  }

  private static Duration duration(AbstractConfig c, String key) {
    return Durations.parse(c.getString(key));
  }

  private static Duration positive(String key, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ConfigException(key, d == null ? null : Durations.format(d), "must be positive");
    }
    return d;
  }

  private static Duration notNegative(String key, Duration d) {
    if (d == null || d.isNegative()) {
      throw new ConfigException(key, d == null ? null : d.toString(), "must not be negative");
    }
    return d;
  }

  /**
   * The bucket width of a window: {@code window / bucketsPerWindow} (or {@code
   * driftBucketsPerWindow} for drift metrics, whose buckets hold feature profiles) rounded up to
   * a multiple of {@code minBucket}, at least {@code minBucket}.
   */
  public Duration bucketWidth(Duration window, boolean profiled) {
    long min = minBucket.toMillis();
    int per = profiled ? driftBucketsPerWindow : bucketsPerWindow;
    long raw = (window.toMillis() + per - 1) / per;
    long width = Math.max(min, ((raw + min - 1) / min) * min);
    return Duration.ofMillis(width);
  }

  public Duration evaluationInterval() {
    return evaluationInterval;
  }

  public Duration checkpointInterval() {
    return checkpointInterval;
  }

  public int bucketsPerWindow() {
    return bucketsPerWindow;
  }

  public int driftBucketsPerWindow() {
    return driftBucketsPerWindow;
  }

  public Duration minBucket() {
    return minBucket;
  }

  public Duration quantileRefresh() {
    return quantileRefresh;
  }

  public Duration driftRefresh() {
    return driftRefresh;
  }

  public Duration instanceExpiry() {
    return instanceExpiry;
  }

  public Duration modelExpiry() {
    return modelExpiry;
  }

  public int maxFeatures() {
    return maxFeatures;
  }

  public int contextItems() {
    return contextItems;
  }

  /** How far ahead of the wall clock an event may be dated; see {@value #FUTURE_TOLERANCE}. */
  public Duration futureTolerance() {
    return futureTolerance;
  }

  public String uiBaseUrl() {
    return uiBaseUrl;
  }

  public AlertsSettings withEvaluationInterval(Duration d) {
    return copy(Map.of(EVALUATION_INTERVAL, d));
  }

  public AlertsSettings withCheckpointInterval(Duration d) {
    return copy(Map.of(CHECKPOINT_INTERVAL, d));
  }

  public AlertsSettings withQuantileRefresh(Duration d) {
    return copy(Map.of(QUANTILE_REFRESH, d));
  }

  public AlertsSettings withDriftRefresh(Duration d) {
    return copy(Map.of(DRIFT_REFRESH, d));
  }

  public AlertsSettings withInstanceExpiry(Duration d) {
    return copy(Map.of(INSTANCE_EXPIRY, d));
  }

  public AlertsSettings withModelExpiry(Duration d) {
    return copy(Map.of(MODEL_EXPIRY, d));
  }

  public AlertsSettings withUiBaseUrl(String url) {
    return copy(Map.of(UI_BASE_URL, url));
  }

  private AlertsSettings copy(Map<String, Object> change) {
    Map<String, Object> v = new HashMap<>();
    v.put(EVALUATION_INTERVAL, evaluationInterval);
    v.put(CHECKPOINT_INTERVAL, checkpointInterval);
    v.put(QUANTILE_REFRESH, quantileRefresh);
    v.put(DRIFT_REFRESH, driftRefresh);
    v.put(INSTANCE_EXPIRY, instanceExpiry);
    v.put(MODEL_EXPIRY, modelExpiry);
    v.put(UI_BASE_URL, uiBaseUrl);
    v.putAll(change);
    return new AlertsSettings(
        (Duration) v.get(EVALUATION_INTERVAL),
        (Duration) v.get(CHECKPOINT_INTERVAL),
        bucketsPerWindow,
        driftBucketsPerWindow,
        minBucket,
        (Duration) v.get(QUANTILE_REFRESH),
        (Duration) v.get(DRIFT_REFRESH),
        (Duration) v.get(INSTANCE_EXPIRY),
        (Duration) v.get(MODEL_EXPIRY),
        maxFeatures,
        contextItems,
        futureTolerance,
        (String) v.get(UI_BASE_URL));
  }

  @Override
  public String toString() {
    return "AlertsSettings{evaluationInterval=" + Durations.format(evaluationInterval)
        + ", checkpointInterval=" + Durations.format(checkpointInterval)
        + ", bucketsPerWindow=" + bucketsPerWindow + ", driftBucketsPerWindow=" + driftBucketsPerWindow
        + ", minBucket=" + Durations.format(minBucket)
        + ", quantileRefresh=" + Durations.format(quantileRefresh)
        + ", driftRefresh=" + Durations.format(driftRefresh)
        + ", instanceExpiry=" + Durations.format(instanceExpiry)
        + ", modelExpiry=" + Durations.format(modelExpiry) + ", maxFeatures=" + maxFeatures
        + ", contextItems=" + contextItems
        + ", futureTolerance=" + Durations.format(futureTolerance) + ", uiBaseUrl=" + uiBaseUrl + "}";
  }
}
