package dev.modelmonitor.checks;

import static dev.modelmonitor.schema.CheckType.PERFORMANCE;

import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.schema.TaskType;
import java.util.ArrayList;
import java.util.List;

/**
 * PERFORMANCE: predictions against the labels that joined them in the lookback (a label counts in
 * the minute it arrived). Classification: accuracy (FAIL below {@code accuracy_min}).
 * Regression: MAE and RMSE (FAIL above {@code mae_max}, {@code rmse_max}) and the bias. The task
 * type is the reference's; without one, regression when every pair is numeric and some value has
 * a fractional part.
 */
final class PerformanceCheck implements Evidence.Check {

  @Override
  public List<CheckFinding> evaluate(Evidence e) {
    MinuteBucket total = e.window().total;
    if (total.labelled == 0) {
      return List.of(Findings.noData(PERFORMANCE, "labelled",
          "no labels joined their predictions in the lookback" + (total.unmatchedLabels == 0 ? ""
              : "; " + Findings.count(total.unmatchedLabels) + " labels found no prediction "
                  + "(the prediction is older than labels.max-delay, or came after its label)")));
    }
    List<CheckFinding> findings = new ArrayList<>();
    String unmatched = total.unmatchedLabels == 0 ? "" : "; "
        + Findings.count(total.unmatchedLabels) + " labels without their prediction";
    findings.add(Findings.of(PERFORMANCE, CheckStatus.PASS, "labelled", (double) total.labelled,
        null, Findings.count(total.labelled) + " predictions labelled" + unmatched));
    if (taskType(e) == TaskType.REGRESSION) {
      long n = total.numericPairs;
      if (n == 0) {
        findings.add(Findings.noData(PERFORMANCE, "mae",
            "the task is regression but no labelled prediction and label are both numbers"));
        return findings;
      }
      double mae = total.absErrorSum / n;
      double rmse = Math.sqrt(total.squaredErrorSum / n);
      double bias = total.errorSum / n;
      findings.add(bounded("mae", mae, e.thresholds().value(CheckThresholds.MAE_MAX), n));
      findings.add(bounded("rmse", rmse, e.thresholds().value(CheckThresholds.RMSE_MAX), n));
      findings.add(Findings.of(PERFORMANCE, CheckStatus.PASS, "bias", bias, null,
          "mean error (prediction - actual) " + Findings.num(bias)));
    } else {
      double accuracy = (double) total.correct / total.labelled;
      Double min = e.thresholds().value(CheckThresholds.ACCURACY_MIN);
      CheckStatus status = Findings.below(accuracy, min, CheckStatus.FAIL);
      findings.add(Findings.of(PERFORMANCE, status, "accuracy", accuracy, min, "accuracy "
          + Findings.percent(accuracy) + " over " + Findings.count(total.labelled)
          + " labelled predictions" + (min == null ? " (no accuracy_min set)"
              : (status == CheckStatus.PASS ? " >= " : " < ") + Findings.percent(min))));
    }
    return findings;
  }

  private static CheckFinding bounded(String metric, double value, Double max, long n) {
    CheckStatus status = Findings.above(value, max, CheckStatus.FAIL);
    return Findings.of(PERFORMANCE, status, metric, value, max, metric.toUpperCase() + " "
        + Findings.num(value) + " over " + Findings.count(n) + " labelled predictions"
        + (max == null ? " (no " + metric + "_max set)"
            : (status == CheckStatus.PASS ? " <= " : " > ") + Findings.num(max)));
  }

  private static TaskType taskType(Evidence e) {
    if (e.reference() != null && e.reference().taskType != null) {
      return e.reference().taskType;
    }
    MinuteBucket total = e.window().total;
    return total.numericPairs == total.labelled && total.fractionalPairs > 0
        ? TaskType.REGRESSION : TaskType.CLASSIFICATION;
  }
}
