package dev.modelmonitor.reports;

import dev.modelmonitor.streams.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the reports topology, each a declared key with a type, a default and a doc (see
 * {@link #configDef()}), read from the service configuration with {@link #from(Map)}. Immutable;
 * {@link #with(String, Object)} returns a changed copy (tests, benchmarks).
 *
 * <p>When a window's report is emitted: at prediction time {@code windowEnd + grace} when the
 * model's labels are not joined or {@value #WAIT_FOR_LABELS} is false, else at {@code windowEnd +
 * grace + labels.max-delay}, so that performance covers every label that can still arrive, and
 * then only once the task's label time has reached that too, or labels have been quiet for
 * {@value #LABELS_IDLE}. Waiting delays the report by the label delay and keeps the window's state
 * that much longer; not waiting gives performance over the labels joined by then (the report says
 * so in a finding).
 */
public final class ReportsSettings {
  /** Shared with the service configuration: the tumbling window length. */
  public static final String WINDOW = "reports.window";
  /** Shared with the service configuration: how late an event may be and still count. */
  public static final String GRACE = "reports.grace";
  /** Shared with the service configuration: how far apart a label and its prediction may be. */
  public static final String LABELS_MAX_DELAY = "labels.max-delay";

  public static final String WAIT_FOR_LABELS = "reports.wait-for-labels";
  public static final String LABELS_IDLE = "reports.labels-idle";
  public static final String FUTURE_TOLERANCE = "reports.future-tolerance";
  public static final String LABEL_JOIN = "reports.label-join";
  public static final String FOLD_EVENTS = "reports.fold-events";
  public static final String CACHED_WINDOWS = "reports.cached-windows";
  public static final String MAX_FEATURES = "reports.max-features";
  public static final String MAX_ERROR_TYPES = "reports.max-error-types";
  public static final String MAX_CLASSES = "reports.max-classes";
  public static final String MISSING_RATE_JUMP = "reports.missing-rate-jump";
  public static final String FEW_EVENTS = "reports.few-events";
  public static final String OUT_OF_RANGE_SHARE = "reports.out-of-range-share";

  /** Which models' predictions are kept for joining labels. */
  public enum LabelJoin {
    /**
     * Models whose reference has a label profile (published with {@code --label-column}) or that
     * have sent a label before: label-less models cost no join state.
     */
    AUTO,
    /** Every model. */
    ALWAYS,
    /** None: reports carry no performance. */
    NEVER
  }

  private static final ConfigDef DEFINITION = definition(true);

  private final Map<String, Object> values;
  private final Duration window;
  private final Duration grace;
  private final Duration labelsMaxDelay;
  private final Duration futureTolerance;
  private final Duration labelsIdle;

  private ReportsSettings(Map<String, Object> values) {
    this.values = Map.copyOf(values);
    this.window = Durations.parse((String) values.get(WINDOW));
    this.grace = Durations.parse((String) values.get(GRACE));
    this.labelsMaxDelay = Durations.parse((String) values.get(LABELS_MAX_DELAY));
    this.futureTolerance = Durations.parse((String) values.get(FUTURE_TOLERANCE));
    this.labelsIdle = Durations.parse((String) values.get(LABELS_IDLE));
    if (window.isZero() || window.isNegative()) {
      throw new ConfigException(WINDOW, values.get(WINDOW), "must be positive");
    }
    if (grace.isNegative()) {
      throw new ConfigException(GRACE, values.get(GRACE), "must not be negative");
    }
    if (labelsMaxDelay.isNegative()) {
      throw new ConfigException(LABELS_MAX_DELAY, values.get(LABELS_MAX_DELAY),
          "must not be negative");
    }
    if (labelsIdle.isNegative()) {
      throw new ConfigException(LABELS_IDLE, values.get(LABELS_IDLE), "must not be negative");
    }
    if (futureTolerance.isNegative()) {
      throw new ConfigException(FUTURE_TOLERANCE, values.get(FUTURE_TOLERANCE),
          "must not be negative");
    }
  }

  /** Every default: 1 h windows, 5 min grace, 1 h label delay, waiting for labels. */
  public static ReportsSettings defaults() {
    return from(Map.of());
  }

  /**
   * Reads the keys of {@link #configDef()} plus {@value #WINDOW}, {@value #GRACE} and
   * {@value #LABELS_MAX_DELAY} from {@code values}; other keys are ignored, so the whole service
   * configuration can be passed.
   *
   * @throws ConfigException naming the key of a bad value
   */
  public static ReportsSettings from(Map<String, ?> values) {
    Map<String, Object> own = new HashMap<>();
    for (String key : DEFINITION.names()) {
      if (values.containsKey(key)) {
        own.put(key, values.get(key));
      }
    }
    AbstractConfig parsed = new AbstractConfig(DEFINITION, own, false);
    return new ReportsSettings(new HashMap<>(parsed.values()));
  }

  /**
   * The declared {@code reports.*} keys the service configuration does not declare itself (it
   * declares {@value #WINDOW}, {@value #GRACE} and {@value #LABELS_MAX_DELAY}), for it to fold in.
   */
  public static ConfigDef configDef() {
    return definition(false);
  }

  /** A copy with {@code key} set to {@code value} (a string, number, boolean or Duration). */
  public ReportsSettings with(String key, Object value) {
    if (!DEFINITION.names().contains(key)) {
      throw new ConfigException(key, value, "not a reports setting; known: " + DEFINITION.names());
    }
    Map<String, Object> changed = new HashMap<>(values);
    changed.put(key, value instanceof Duration d ? Durations.format(d) : value);
    return from(changed);
  }

  private static ConfigDef definition(boolean withShared) {
    ConfigDef.Validator duration = Durations.configValidator();
    ConfigDef.Validator labelJoin =
        (name, value) -> {
          try {
            LabelJoin.valueOf(((String) value).trim().toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, "must be auto, always or never");
          }
        };
    ConfigDef def = new ConfigDef();
    if (withShared) {
      def.define(WINDOW, Type.STRING, "1h", duration, Importance.MEDIUM,
              "Report window length (tumbling windows aligned to the epoch, UTC).")
          .define(GRACE, Type.STRING, "5m", duration, Importance.MEDIUM,
              "How late an event may arrive and still count in its window: until the task's "
                  + "prediction time (its latest prediction's timestamp) reaches windowEnd + "
                  + "grace.")
          .define(LABELS_MAX_DELAY, Type.STRING, "1h", duration, Importance.MEDIUM,
              "A label joins its prediction when their timestamps are at most this far apart.");
    }
    return def
        .define(WAIT_FOR_LABELS, Type.BOOLEAN, true, Importance.MEDIUM,
            "Emit a window's report only when labels.max-delay has passed after windowEnd + grace "
                + "(for models whose labels are joined), so performance is complete; false emits "
                + "at windowEnd + grace with the labels joined so far.")
        .define(LABELS_IDLE, Type.STRING, "2s", duration, Importance.LOW,
            "A window that waits for labels reports once the labels this instance has processed "
                + "also reach its emit time, or once no label has arrived for this long (wall "
                + "clock): the labels topic may be read behind the predictions topic (replays, "
                + "a lagging label producer), or carry no more labels for a while.")
        .define(FUTURE_TOLERANCE, Type.STRING, "1h", duration, Importance.LOW,
            "How far ahead of this instance's wall clock an event's timestamp may be. Predictions "
                + "and labels dated further ahead (a producer's clock far off, a timestamp in the "
                + "wrong unit) go to the dead-letter topic with reason FUTURE and move no window: "
                + "one such prediction would otherwise close every open window at once and make "
                + "every later event late.")
        .define(LABEL_JOIN, Type.STRING, "auto", labelJoin, Importance.LOW,
            "Whose predictions are kept to join labels: auto (models whose reference has a label "
                + "profile or that have sent labels), always, or never (the labels topic is not "
                + "read at all, and reports carry no performance).")
        .define(FOLD_EVENTS, Type.INT, 1000, ConfigDef.Range.between(1, 1_000_000), Importance.LOW,
            "A window's profiles are written to the state store whole after this many events; "
                + "the events in between are journaled, one record per window per commit. A "
                + "window taking this many events between two commits is written whole at each "
                + "commit instead, and not journaled, as is a new window of a model that took this "
                + "many in the last commit interval. Larger: less writing, more journal to replay "
                + "after a restart.")
        .define(CACHED_WINDOWS, Type.INT, 256, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Open model-windows kept decoded in memory per stream task; others are read back "
                + "from the state store when their next event arrives.")
        .define(MAX_FEATURES, Type.INT, 256, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Most features profiled per model-window; further feature names are counted and "
                + "reported, not profiled.")
        .define(MAX_ERROR_TYPES, Type.INT, 10, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Most error types listed in a report (the most frequent).")
        .define(MAX_CLASSES, Type.INT, 50, ConfigDef.Range.atLeast(2), Importance.LOW,
            "Most classes in a confusion matrix; rarer ones are pooled as '(other)'.")
        .define(FEW_EVENTS, Type.INT, 30, ConfigDef.Range.atLeast(0), Importance.LOW,
            "A window with fewer events than this gets a few_events finding: drift statistics "
                + "over a handful of values are mostly noise (replayed hourly history in 1 h "
                + "windows has one event per window). 0 turns the finding off.")
        .define(MISSING_RATE_JUMP, Type.DOUBLE, 0.1, ConfigDef.Range.between(0.0, 1.0),
            Importance.LOW,
            "A feature's missing rate this much above the reference's is a data-quality finding.")
        .define(OUT_OF_RANGE_SHARE, Type.DOUBLE, 0.05, ConfigDef.Range.between(0.0, 1.0),
            Importance.LOW,
            "A share of numeric values outside the reference's [min, max] above this is a "
                + "data-quality finding.");
  }

  public Duration window() {
    return window;
  }

  public Duration grace() {
    return grace;
  }

  public Duration labelsMaxDelay() {
    return labelsMaxDelay;
  }

  /** How far ahead of the wall clock an event may be dated; see {@value #FUTURE_TOLERANCE}. */
  public Duration futureTolerance() {
    return futureTolerance;
  }

  /** How long labels may be quiet before waiting windows report; see {@value #LABELS_IDLE}. */
  public Duration labelsIdle() {
    return labelsIdle;
  }

  public boolean waitForLabels() {
    return (Boolean) values.get(WAIT_FOR_LABELS);
  }

  public LabelJoin labelJoin() {
    return LabelJoin.valueOf(((String) values.get(LABEL_JOIN)).trim().toUpperCase(Locale.ROOT));
  }

  /** Whether the reports topology reads labels at all: not with {@link LabelJoin#NEVER}. */
  public boolean readsLabels() {
    return labelJoin() != LabelJoin.NEVER;
  }

  public int foldEvents() {
    return (Integer) values.get(FOLD_EVENTS);
  }

  public int cachedWindows() {
    return (Integer) values.get(CACHED_WINDOWS);
  }

  public int maxFeatures() {
    return (Integer) values.get(MAX_FEATURES);
  }

  public int maxErrorTypes() {
    return (Integer) values.get(MAX_ERROR_TYPES);
  }

  public int maxClasses() {
    return (Integer) values.get(MAX_CLASSES);
  }

  public int fewEvents() {
    return (Integer) values.get(FEW_EVENTS);
  }

  public double missingRateJump() {
    return (Double) values.get(MISSING_RATE_JUMP);
  }

  public double outOfRangeShare() {
    return (Double) values.get(OUT_OF_RANGE_SHARE);
  }

  /**
   * When a window's report is emitted, in prediction time: {@code windowEnd + grace}, plus the
   * label delay when {@code labelsJoined} and {@link #waitForLabels()}.
   */
  long emitTime(long windowEnd, boolean labelsJoined) {
    long at = windowEnd + grace.toMillis();
    return labelsJoined && waitForLabels() ? at + labelsMaxDelay.toMillis() : at;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReportsSettings other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "ReportsSettings" + new TreeMap<>(values);
  }
}
