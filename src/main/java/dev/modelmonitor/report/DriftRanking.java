package dev.modelmonitor.report;

import dev.modelmonitor.schema.DriftResult;
import dev.modelmonitor.schema.FeatureReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders features by how strongly they drifted, across methods whose scores point in opposite
 * directions: a distance (Wasserstein, Jensen–Shannon) drifts above its threshold, a p-value (KS,
 * chi-square) below it. The strength is {@code score / threshold} for distances and {@code log10(p)
 * / log10(threshold)} for p-values, so it is at least 1 exactly when the feature drifted, and
 * larger means further past the threshold.
 */
public final class DriftRanking {
  private DriftRanking() {}

  /** Whether the method's score is a p-value (smaller means more drift). */
  public static boolean isPValue(String method) {
    return method.equals("ks") || method.equals("chi_square");
  }

  /** The drift strength of a result: 1 at the threshold, above 1 when drifted. */
  public static double strength(DriftResult drift) {
    double score = drift.getScore();
    double threshold = drift.getThreshold();
    if (isPValue(drift.getMethod())) {
      if (threshold <= 0 || threshold >= 1) {
        return drift.getDrifted() ? Double.MAX_VALUE : 0;
      }
      return Math.log10(Math.max(score, Double.MIN_NORMAL)) / Math.log10(threshold);
    }
    return threshold > 0 ? score / threshold : (drift.getDrifted() ? Double.MAX_VALUE : 0);
  }

  /** Features strongest drift first; features without a drift result last, by name. */
  public static List<FeatureReport> sorted(List<FeatureReport> features) {
    List<FeatureReport> out = new ArrayList<>(features);
    out.sort(ORDER);
    return out;
  }

  static final Comparator<FeatureReport> ORDER =
      Comparator.comparing((FeatureReport f) -> f.getDrift() == null)
          .thenComparing(f -> f.getDrift() == null ? 0 : -strength(f.getDrift()))
          .thenComparing(FeatureReport::getName);
}
