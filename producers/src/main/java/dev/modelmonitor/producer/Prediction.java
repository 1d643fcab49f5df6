package dev.modelmonitor.producer;

import dev.modelmonitor.schema.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One prediction to record, built fluently and handed to {@link
 * ModelMonitor#recordPrediction(Prediction)}:
 *
 * <pre>{@code
 * monitor.recordPrediction(
 *     Prediction.of(features).prediction("churn").scores(Map.of("churn", 0.83, "stay", 0.17))
 *         .latency(Duration.ofMillis(12)));
 * }</pre>
 *
 * Only the features are needed. The request id is generated when absent, the timestamp is the
 * monitor's clock at recording time when absent, and the outcome is {@link Outcome#OK} unless
 * set. Feature values are checked when recorded, never here: see {@link ModelMonitor} for what
 * happens to values the schema cannot hold. A Prediction is a plain mutable holder, not
 * thread-safe; the monitor copies what it needs, so it may be reused after recording.
 */
public final class Prediction {
  Map<String, ?> features;
  String requestId;
  Object prediction;
  Map<String, ? extends Number> scores;
  long latencyMicros = -1;
  Outcome outcome = Outcome.OK;
  String error;
  String errorMessage;
  Instant timestamp;

  private Prediction(Map<String, ?> features) {
    this.features = features;
  }

  /** A prediction on these input features (name to value; null values are missing). */
  public static Prediction of(Map<String, ?> features) {
    return new Prediction(features);
  }

  /** Replaces the features. */
  public Prediction features(Map<String, ?> features) {
    this.features = features;
    return this;
  }

  /** The request id; late labels join on it. Generated (a random UUID) when absent or blank. */
  public Prediction requestId(String requestId) {
    this.requestId = requestId;
    return this;
  }

  /** The model's output: a class label or a value (boolean, number, string or enum). */
  public Prediction prediction(Object prediction) {
    this.prediction = prediction;
    return this;
  }

  /** Class scores or probabilities by class label. */
  public Prediction scores(Map<String, ? extends Number> scores) {
    this.scores = scores;
    return this;
  }

  /** Time spent serving the request. */
  public Prediction latency(Duration latency) {
    this.latencyMicros = latency == null ? -1 : toMicros(latency);
    return this;
  }

  /** Time spent serving the request, in microseconds. */
  public Prediction latencyMicros(long micros) {
    this.latencyMicros = micros;
    return this;
  }

  /** How the request ended; {@link Outcome#OK} by default. */
  public Prediction outcome(Outcome outcome) {
    this.outcome = outcome == null ? Outcome.OK : outcome;
    return this;
  }

  /**
   * A request that did not end well: {@code outcome} (ERROR, TIMEOUT or REJECTED), an error type
   * such as an exception class name, and a message.
   */
  public Prediction error(Outcome outcome, String errorType, String message) {
    this.outcome = outcome == null ? Outcome.ERROR : outcome;
    this.error = errorType;
    this.errorMessage = message;
    return this;
  }

  /**
   * The request failed with {@code failure}: ERROR (TIMEOUT for a {@link
   * java.util.concurrent.TimeoutException}) with the exception's class name and message.
   */
  public Prediction failed(Throwable failure) {
    if (failure == null) {
      return error(Outcome.ERROR, null, null);
    }
    Outcome o =
        failure instanceof java.util.concurrent.TimeoutException ? Outcome.TIMEOUT : Outcome.ERROR;
    return error(o, failure.getClass().getName(), failure.getMessage());
  }

  /** When the prediction was served; the monitor's clock at recording time by default. */
  public Prediction timestamp(Instant timestamp) {
    this.timestamp = timestamp;
    return this;
  }

  static long toMicros(Duration d) {
    try {
      return d.toNanos() / 1000;
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
