package dev.modelmonitor.ui;

import java.time.Instant;
import java.util.Objects;

/**
 * One model's predictions in one minute.
 *
 * @param start the start of the minute
 * @param events predictions in the minute
 * @param errors those whose outcome was not OK
 * @param latencyP50Ms median latency in ms, or null without latencies
 * @param latencyP99Ms 99th percentile latency in ms, or null without latencies
 * @param driftShare share of features drifted from the reference over the minute (or the sliding
 *     window ending with it), or null without a reference or enough values
 */
public record MinutePoint(
    Instant start,
    long events,
    long errors,
    Double latencyP50Ms,
    Double latencyP99Ms,
    Double driftShare) {
  public MinutePoint {
    Objects.requireNonNull(start, "start");
    if (events < 0 || errors < 0 || errors > events) {
      throw new IllegalArgumentException(
          "need 0 <= errors <= events but had "
              + errors
              + " errors of "
              + events
              + " events at "
              + start);
    }
  }

  /** Errors per event, or NaN without events. */
  public double errorRate() {
    return events == 0 ? Double.NaN : (double) errors / events;
  }
}
