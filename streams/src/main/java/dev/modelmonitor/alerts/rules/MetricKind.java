package dev.modelmonitor.alerts.rules;

/**
 * The families of metrics a rule can watch. Each is documented with its exact definition in
 * the README ("Alert rules"); {@link Metric#parse(String)} turns a metric name into one.
 */
public enum MetricKind {
  /** {@code error_rate}: share of the window's predictions whose outcome is not OK. */
  ERROR_RATE(Shape.WINDOWED),
  /** {@code latency_p<q>_ms}: the q-th percentile of the window's latencies, in ms. */
  LATENCY_QUANTILE(Shape.WINDOWED),
  /** {@code throughput}: predictions per second over the window. */
  THROUGHPUT(Shape.WINDOWED),
  /** {@code missing_rate:<feature>} or {@code missing_rate:*} (the highest of all features). */
  MISSING_RATE(Shape.WINDOWED),
  /** {@code drift:<feature>} or {@code drift:*}: drift score against the reference in force. */
  DRIFT(Shape.PROFILED),
  /** {@code drift_share}: share of features drifted by the default decision of DESIGN §5. */
  DRIFT_SHARE(Shape.PROFILED),
  /** {@code prediction_drift}: drift score of the model output against the reference. */
  PREDICTION_DRIFT(Shape.PROFILED),
  /** {@code state}: the worst lifecycle state of the model's live instances (text). */
  STATE(Shape.TEXT),
  /** {@code version}: the model version of the latest event (text). */
  VERSION(Shape.TEXT),
  /** {@code version_change}: new model versions first seen within the window. */
  VERSION_CHANGE(Shape.INSTANT),
  /** {@code silence_s}: seconds since the model was last heard from. */
  SILENCE(Shape.INSTANT),
  /** {@code change:<series>}: change points found by a Page-Hinkley detector within the window. */
  CHANGE(Shape.INSTANT);

  /** What a metric of the kind is computed from. */
  enum Shape {
    /** Counts and sketches over the sliding window's time buckets. */
    WINDOWED,
    /** Feature profiles over the window's buckets, compared with the reference. */
    PROFILED,
    /** A text value compared with a value set. */
    TEXT,
    /** A number kept per model outside the buckets. */
    INSTANT
  }

  private final Shape shape;

  MetricKind(Shape shape) {
    this.shape = shape;
  }

  /** Text metrics compare with {@code ==, !=, in, not in} and a value set. */
  public boolean isText() {
    return shape == Shape.TEXT;
  }

  /** Whether values come from the time buckets of the sliding window. */
  public boolean usesBuckets() {
    return shape == Shape.WINDOWED || shape == Shape.PROFILED;
  }

  /** Whether the buckets must profile feature values (drift against the reference). */
  public boolean needsProfiles() {
    return shape == Shape.PROFILED;
  }
}
