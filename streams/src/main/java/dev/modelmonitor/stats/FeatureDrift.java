package dev.modelmonitor.stats;

import dev.modelmonitor.schema.DriftResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The drift of one feature between a reference and a window: the decision (which statistic
 * decided, its score and threshold), every statistic that applies, the bins they were computed
 * on, and the window's categories unseen in the reference. When there is nothing to compare (no
 * values on one side) only {@link #notComputedReason()} is set.
 *
 * @param method the deciding statistic: {@value #KS}, {@value #WASSERSTEIN_NORMED},
 *     {@value #CHI_SQUARE} or {@value #JENSEN_SHANNON}; null when not computed
 * @param score the deciding statistic's value (a p-value for KS and chi-square)
 * @param threshold what the score was compared with
 * @param drifted p-value below or distance above the threshold
 * @param statistics all statistics computed
 * @param bins the bins of PSI, JS and chi-square with both sides' counts
 * @param unseenCategories window categories not among the reference's published categories,
 *     most frequent first (categorical only)
 * @param exact false when a statistic is approximate: KS or Wasserstein from a sketch, bin counts
 *     estimated from a sketch, or categorical counts after top-K folding
 * @param notComputedReason why nothing was computed; null when computed
 */
public record FeatureDrift(String method, double score, double threshold, boolean drifted,
    Statistics statistics, Bins bins, List<String> unseenCategories, boolean exact,
    String notComputedReason) {
  public static final String KS = "ks";
  public static final String WASSERSTEIN_NORMED = "wasserstein_normed";
  public static final String CHI_SQUARE = "chi_square";
  public static final String JENSEN_SHANNON = "jensen_shannon";

  public FeatureDrift {
    unseenCategories = List.copyOf(unseenCategories);
  }

  /** No drift computed, for {@code reason}. */
  public static FeatureDrift notComputed(String reason) {
    return new FeatureDrift(null, Double.NaN, Double.NaN, false, null, null, List.of(), true,
        Objects.requireNonNull(reason, "reason"));
  }

  public boolean computed() {
    return notComputedReason == null;
  }

  /** The Avro form; empty when not computed (a report then carries a null drift). */
  public Optional<DriftResult> toAvro() {
    if (!computed()) {
      return Optional.empty();
    }
    return Optional.of(DriftResult.newBuilder()
        .setMethod(method)
        .setScore(score)
        .setThreshold(threshold)
        .setDrifted(drifted)
        .setPsi(statistics.psi())
        .setJsDistance(statistics.jsDistance())
        .setKsStatistic(statistics.ksStatistic())
        .setKsPValue(statistics.ksPValue())
        .setWasserstein(statistics.wasserstein())
        .setWassersteinNormed(statistics.wassersteinNormed())
        .setChiSquare(statistics.chiSquare())
        .setChiSquarePValue(statistics.chiSquarePValue())
        .setExact(exact)
        .build());
  }

  /**
   * The statistics of DESIGN section 5; null where they do not apply (KS and Wasserstein for
   * categorical features, chi-square for numeric ones).
   */
  public record Statistics(Double psi, Double jsDistance, Double ksStatistic, Double ksPValue,
      Double wasserstein, Double wassersteinNormed, Double chiSquare, Double chiSquarePValue) {}

  /**
   * Bins with their labels and counts. Numeric labels read {@code (-inf, e1]}, {@code (e1, e2]},
   * ..., {@code (ek, +inf)}; categorical labels are the reference's categories, then
   * {@value #UNSEEN} for the window's categories the reference did not have (or
   * {@value #OTHER} when the reference folded some of its own categories beyond its top K: the
   * bin then holds those and the unseen ones).
   */
  public record Bins(List<String> labels, List<Long> reference, List<Long> current) {
    public static final String UNSEEN = "(unseen)";
    public static final String OTHER = "(other)";

    public Bins {
      labels = List.copyOf(labels);
      reference = List.copyOf(reference);
      current = List.copyOf(current);
    }
  }
}
