package dev.modelmonitor.checks;

import dev.modelmonitor.schema.CheckFinding;
import java.util.List;

/**
 * What a check judges: the model's status, its reference (null without one), the lookback's
 * summed minutes and the thresholds in force, at wall-clock {@code nowMillis}.
 */
record Evidence(
    String modelId,
    ModelStatus status,
    ModelReference reference,
    LookbackWindow window,
    CheckThresholds thresholds,
    long nowMillis,
    long lookbackMillis) {

  /** One kind of check: its findings from the evidence. */
  @FunctionalInterface
  interface Check {
    List<CheckFinding> evaluate(Evidence evidence);
  }

  /** Predictions in the lookback, or -1 when fewer than the {@code min_events} threshold. */
  long predictionsIfEnough() {
    long n = window.total.predictions;
    Double min = thresholds.value(CheckThresholds.MIN_EVENTS);
    return min != null && n < min ? -1 : n;
  }

  /** Why there is too little traffic to judge, in words. */
  String tooFewPredictions() {
    long n = window.total.predictions;
    if (n == 0) {
      return "no predictions in the lookback";
    }
    return "only " + n + " predictions in the lookback, fewer than min_events "
        + Findings.num(thresholds.value(CheckThresholds.MIN_EVENTS));
  }
}
