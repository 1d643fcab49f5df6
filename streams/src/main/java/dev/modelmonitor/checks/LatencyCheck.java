package dev.modelmonitor.checks;

import static dev.modelmonitor.schema.CheckType.LATENCY;

import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.stats.NumericProfile;
import java.util.List;

/**
 * LATENCY: the 50th, 90th and 99th percentiles of the latencies reported in the lookback, in
 * milliseconds, each against its threshold (WARN above). A percentile is a latency recorded at
 * that rank in the KLL sketch of the minutes (rank error about 1.3%).
 */
final class LatencyCheck implements Evidence.Check {
  private static final double[] RANKS = {0.5, 0.9, 0.99};
  private static final String[] KEYS = {CheckThresholds.LATENCY_P50_MS,
      CheckThresholds.LATENCY_P90_MS, CheckThresholds.LATENCY_P99_MS};
  private static final String[] NAMES = {"p50", "p90", "p99"};

  @Override
  public List<CheckFinding> evaluate(Evidence e) {
    NumericProfile latency = e.window().total.latencyMs;
    if (e.predictionsIfEnough() <= 0) {
      return List.of(Findings.noData(LATENCY, CheckThresholds.LATENCY_P99_MS,
          e.tooFewPredictions()));
    }
    if (latency == null || latency.count() == 0) {
      return List.of(Findings.noData(LATENCY, CheckThresholds.LATENCY_P99_MS,
          "no latencies reported in the lookback (latencyMicros is empty)"));
    }
    CheckFinding[] findings = new CheckFinding[RANKS.length];
    for (int i = 0; i < RANKS.length; i++) {
      double value = latency.quantile(RANKS[i]);
      Double threshold = e.thresholds().value(KEYS[i]);
      CheckStatus status = Findings.above(value, threshold, CheckStatus.WARN);
      String limit = threshold == null ? "" : (status == CheckStatus.PASS ? " <= " : " > ")
          + Findings.num(threshold) + " ms";
      findings[i] = Findings.of(LATENCY, status, KEYS[i], value, threshold, NAMES[i] + " "
          + Findings.num(value) + " ms" + limit + " over " + Findings.count(latency.count())
          + " requests");
    }
    return List.of(findings);
  }
}
