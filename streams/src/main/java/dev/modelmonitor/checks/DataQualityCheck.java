package dev.modelmonitor.checks;

import static dev.modelmonitor.schema.CheckType.DATA_QUALITY;

import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.stats.CategoricalProfile;
import dev.modelmonitor.stats.NumericProfile;
import dev.modelmonitor.stats.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * DATA_QUALITY, per feature against the reference (each WARN above its threshold): the missing
 * rate's increase over the reference's, the share of values of the wrong type, the share of
 * numeric values outside the reference's [min, max], the share of values in categories the
 * reference lacks; and features the reference lacks. Without a reference only missing rates are
 * judged (against 0). A summary finding says what was checked when nothing is wrong.
 */
final class DataQualityCheck implements Evidence.Check {
  private static final int LISTED = 5;

  @Override
  public List<CheckFinding> evaluate(Evidence e) {
    if (e.predictionsIfEnough() <= 0) {
      return List.of(Findings.noData(DATA_QUALITY, "features", e.tooFewPredictions()));
    }
    List<CheckFinding> findings = new ArrayList<>();
    ModelReference reference = e.reference();
    LookbackWindow window = e.window();
    int checked = 0;
    if (reference != null && window.profiledPredictions > 0) {
      for (Map.Entry<String, Profile> f : window.total.features.entrySet()) {
        Profile expected = reference.features.get(f.getKey());
        if (expected != null) {
          checkFeature(e, f.getKey(), f.getValue(), expected, findings);
          checked++;
        }
      }
    }
    for (Map.Entry<String, long[]> f : window.total.untracked.entrySet()) {
      if (reference == null) {
        long present = f.getValue()[0];
        long missing = f.getValue()[1];
        missingRate(e, f.getKey(), missing, present + missing, 0, findings);
        checked++;
      }
    }
    if (reference != null) {
      List<String> unexpected = window.total.untracked.entrySet().stream()
          .filter(f -> f.getValue()[0] > 0).map(Map.Entry::getKey).toList();
      if (!unexpected.isEmpty() || window.total.untrackedDropped > 0) {
        findings.add(Findings.of(DATA_QUALITY, CheckStatus.WARN, "unexpected_features",
            (double) unexpected.size(), 0.0, "features not in the reference: "
                + unexpected.stream().limit(LISTED).collect(Collectors.joining(", "))
                + (unexpected.size() > LISTED ? ", …" : "")
                + (window.total.untrackedDropped == 0 ? ""
                    : "; and " + window.total.untrackedDropped + " values of further names")));
      }
    }
    if (findings.isEmpty()) {
      if (checked == 0) {
        String why = reference == null ? "no features in the predictions"
            : DriftCheck.noProfiledTraffic(window);
        findings.add(Findings.noData(DATA_QUALITY, "features", why));
      } else {
        findings.add(Findings.of(DATA_QUALITY, CheckStatus.PASS, "features", (double) checked,
            null, checked + " features within thresholds over "
                + Findings.count(window.total.predictions) + " predictions: "
                + (reference == null ? "missing values (no reference: types, ranges and "
                    + "categories not checked)" : "missing values, types, ranges, categories")));
      }
    }
    return findings;
  }

  private static void checkFeature(Evidence e, String name, Profile window, Profile reference,
      List<CheckFinding> findings) {
    long observed = window.count() + window.missing();
    if (observed == 0) {
      return;
    }
    long referenceObserved = reference.count() + reference.missing();
    double referenceMissing = referenceObserved == 0 ? 0
        : (double) (reference.missing() - reference.typeMismatches()) / referenceObserved;
    missingRate(e, name, window.missing() - window.typeMismatches(), observed, referenceMissing,
        findings);

    double mismatches = (double) window.typeMismatches() / observed;
    Double mismatchLimit = e.thresholds().value(name, CheckThresholds.TYPE_MISMATCH_RATE);
    if (Findings.above(mismatches, mismatchLimit, CheckStatus.WARN) != CheckStatus.PASS) {
      findings.add(Findings.of(DATA_QUALITY, CheckStatus.WARN, "type_mismatch_rate:" + name,
          mismatches, mismatchLimit, Findings.percent(mismatches) + " of " + name
              + " values of the wrong type for a " + reference.type().name().toLowerCase()
              + " feature (" + Findings.count(window.typeMismatches()) + ")"));
    }
    if (window.count() == 0 || reference.count() == 0) {
      return;
    }
    if (window instanceof NumericProfile current && reference instanceof NumericProfile expected) {
      double outside = current.fractionOutside(expected.min(), expected.max());
      Double limit = e.thresholds().value(name, CheckThresholds.OUT_OF_RANGE_RATE);
      if (Findings.above(outside, limit, CheckStatus.WARN) != CheckStatus.PASS) {
        findings.add(Findings.of(DATA_QUALITY, CheckStatus.WARN, "out_of_range_rate:" + name,
            outside, limit, Findings.percent(outside) + " of " + name + " values outside the "
                + "reference range [" + Findings.num(expected.min()) + ", "
                + Findings.num(expected.max()) + "] (now " + Findings.num(current.min()) + " to "
                + Findings.num(current.max()) + ")"));
      }
    } else if (window instanceof CategoricalProfile current
        && reference instanceof CategoricalProfile expected && expected.otherCount() == 0) {
      Map<String, Long> known = expected.categoryCounts();
      Map<String, Long> unseen = current.categoryCounts().entrySet().stream()
          .filter(c -> !known.containsKey(c.getKey()))
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
              java.util.LinkedHashMap::new));
      long unseenCount = unseen.values().stream().mapToLong(Long::longValue).sum()
          + current.otherCount();
      double share = (double) unseenCount / current.count();
      Double limit = e.thresholds().value(name, CheckThresholds.UNSEEN_CATEGORY_RATE);
      if (unseenCount > 0
          && Findings.above(share, limit, CheckStatus.WARN) != CheckStatus.PASS) {
        findings.add(Findings.of(DATA_QUALITY, CheckStatus.WARN, "unseen_category_rate:" + name,
            share, limit, Findings.percent(share) + " of " + name
                + " values in categories the reference lacks: "
                + HealthCheck.top(unseen, LISTED)));
      }
    }
  }

  private static void missingRate(Evidence e, String name, long missing, long observed,
      double referenceRate, List<CheckFinding> findings) {
    if (observed == 0) {
      return;
    }
    double rate = (double) missing / observed;
    Double increase = e.thresholds().value(name, CheckThresholds.MISSING_RATE_INCREASE);
    if (increase == null || rate - referenceRate <= increase) {
      return;
    }
    findings.add(Findings.of(DATA_QUALITY, CheckStatus.WARN, "missing_rate:" + name, rate,
        referenceRate + increase, Findings.percent(rate) + " of " + name + " values missing, "
            + "reference " + Findings.percent(referenceRate) + " (allowed increase "
            + Findings.percent(increase) + ")"));
  }
}
