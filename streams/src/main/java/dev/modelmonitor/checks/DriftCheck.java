package dev.modelmonitor.checks;

import static dev.modelmonitor.schema.CheckType.DRIFT;

import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.schema.DatasetDrift;
import dev.modelmonitor.stats.DriftCalculator;
import dev.modelmonitor.stats.FeatureDrift;
import dev.modelmonitor.stats.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * DRIFT: each feature and the prediction of the lookback against the reference, by the
 * statistics and default decision of DESIGN §5 ({@link DriftCalculator}); a drifted feature or
 * prediction warns, dataset drift (at least {@code dataset_drift_share} of the features drifted)
 * fails. Drifted features come first.
 */
final class DriftCheck implements Evidence.Check {

  @Override
  public List<CheckFinding> evaluate(Evidence e) {
    ModelReference reference = e.reference();
    if (reference == null) {
      return List.of(Findings.noData(DRIFT, "drift_share", "no reference profile for "
          + e.modelId() + "; publish one: model-monitor reference publish --model "
          + e.modelId() + " --csv FILE"));
    }
    LookbackWindow window = e.window();
    if (window.profiledPredictions == 0) {
      return List.of(Findings.noData(DRIFT, "drift_share", noProfiledTraffic(window)));
    }
    DriftCalculator calculator = new DriftCalculator(e.thresholds().drift());
    Map<String, FeatureDrift> drifts = new LinkedHashMap<>();
    reference.preparedFeatures.forEach((name, referenceProfile) -> {
      Profile current = window.total.features.get(name);
      if (current != null) {
        drifts.put(name, calculator.compare(name, referenceProfile, current));
      }
    });
    List<CheckFinding> findings = new ArrayList<>();
    drifts.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, FeatureDrift> d) -> !d.getValue()
            .drifted()))
        .forEach(d -> findings.add(finding("drift:" + d.getKey(), d.getValue())));
    if (reference.prediction != null && window.total.prediction != null) {
      findings.add(finding("prediction_drift",
          calculator.compare("prediction", reference.preparedPrediction,
              window.total.prediction)));
    }
    DatasetDrift dataset = calculator.datasetDrift(drifts.values());
    String drifted = drifts.entrySet().stream().filter(d -> d.getValue().drifted())
        .map(Map.Entry::getKey).collect(Collectors.joining(", "));
    String skipped = window.minutesOnOtherReference == 0 ? "" : "; "
        + window.minutesOnOtherReference + " minutes profiled against an earlier reference left out";
    if (dataset.getFeatureCount() == 0) {
      findings.add(Findings.noData(DRIFT, "drift_share",
          "no feature had values on both sides" + skipped));
    } else {
      CheckStatus status = dataset.getDrifted() ? CheckStatus.FAIL : CheckStatus.PASS;
      findings.add(Findings.of(DRIFT, status, "drift_share", dataset.getShare(),
          dataset.getThreshold(), dataset.getDriftedCount() + " of " + dataset.getFeatureCount()
              + " features drifted (" + Findings.percent(dataset.getShare())
              + (dataset.getDrifted() ? " >= " : " < ") + Findings.percent(dataset.getThreshold())
              + ")" + (drifted.isEmpty() ? "" : ": " + drifted) + " over "
              + Findings.count(window.profiledPredictions) + " predictions" + skipped));
    }
    return findings;
  }

  static String noProfiledTraffic(LookbackWindow window) {
    if (window.minutesOnOtherReference > 0) {
      return "the " + window.minutesOnOtherReference + " minutes with predictions were profiled "
          + "before the current reference arrived; drift needs traffic since then";
    }
    return "no predictions in the lookback";
  }

  private static CheckFinding finding(String metric, FeatureDrift drift) {
    if (!drift.computed()) {
      return Findings.noData(DRIFT, metric, drift.notComputedReason());
    }
    CheckStatus status = drift.drifted() ? CheckStatus.WARN : CheckStatus.PASS;
    boolean pValue = drift.method().equals(FeatureDrift.KS)
        || drift.method().equals(FeatureDrift.CHI_SQUARE);
    String comparison =
        pValue ? (drift.drifted() ? " < " : " >= ") : (drift.drifted() ? " > " : " <= ");
    Double psi = drift.statistics().psi();
    return Findings.of(DRIFT, status, metric, drift.score(), drift.threshold(),
        (drift.drifted() ? "drifted: " : "no drift: ") + methodName(drift.method()) + " "
            + Findings.num(drift.score()) + comparison + Findings.num(drift.threshold())
            + (psi == null ? "" : "; PSI " + Findings.num(psi))
            + (drift.unseenCategories().isEmpty() ? ""
                : "; unseen categories: " + drift.unseenCategories().stream().limit(5)
                    .collect(Collectors.joining(", ")))
            + (drift.exact() ? "" : " (from sketches)"));
  }

  private static String methodName(String method) {
    return switch (method) {
      case FeatureDrift.KS -> "KS p-value";
      case FeatureDrift.CHI_SQUARE -> "chi-square p-value";
      case FeatureDrift.WASSERSTEIN_NORMED -> "normed Wasserstein";
      case FeatureDrift.JENSEN_SHANNON -> "Jensen-Shannon distance";
      default -> method;
    };
  }
}
