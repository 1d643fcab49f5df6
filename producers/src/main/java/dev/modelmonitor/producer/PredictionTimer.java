package dev.modelmonitor.producer;

import dev.modelmonitor.schema.Outcome;
import java.util.Map;

/**
 * Measures a model call in a try-with-resources block and records the prediction when closed:
 *
 * <pre>{@code
 * try (PredictionTimer timer = monitor.startPrediction(features)) {
 *   return timer.result(model.predict(input));
 * }
 * }</pre>
 *
 * The latency is the time from {@link ModelMonitor#startPrediction} to {@link #close()}. Closing
 * without a {@link #result}, {@link #failed} or {@link #outcome} (the block threw, or returned
 * early) records an {@link Outcome#ERROR} with error type {@value #NO_RESULT}; call {@link
 * #failed(Throwable)} in a catch block to record the actual exception, or use {@link
 * ModelMonitor#predict(Map, ModelCall)}, which does that. Closing twice records once. Not
 * thread-safe; never throws.
 */
public final class PredictionTimer implements AutoCloseable {
  /** The error type recorded when the timer closes without a result. */
  public static final String NO_RESULT = "no_result";

  private final ModelMonitor monitor;
  private final Prediction prediction;
  private final long startNanos;
  private boolean finished;
  private boolean closed;

  PredictionTimer(ModelMonitor monitor, Prediction prediction) {
    this.monitor = monitor;
    this.prediction = prediction;
    this.startNanos = System.nanoTime();
  }

  /** Records {@code output} as the prediction (outcome OK) and returns it. */
  public <T> T result(T output) {
    prediction.prediction(output);
    finished = true;
    return output;
  }

  /** Class scores or probabilities by class label. */
  public PredictionTimer scores(Map<String, ? extends Number> scores) {
    prediction.scores(scores);
    return this;
  }

  /** The call failed with {@code failure} (ERROR, or TIMEOUT for a TimeoutException). */
  public PredictionTimer failed(Throwable failure) {
    prediction.failed(failure);
    finished = true;
    return this;
  }

  /** The request ended with {@code outcome}, for example REJECTED by input validation. */
  public PredictionTimer outcome(Outcome outcome, String errorType, String message) {
    prediction.error(outcome, errorType, message);
    finished = true;
    return this;
  }

  /** The request id of the prediction recorded (generated when absent), once closed. */
  public String requestId() {
    return prediction.requestId;
  }

  /** Records the prediction with the measured latency. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    prediction.latencyMicros((System.nanoTime() - startNanos) / 1000);
    if (!finished) {
      prediction.error(Outcome.ERROR, NO_RESULT, "closed without a result");
    }
    prediction.requestId(monitor.recordPrediction(prediction));
  }
}
