package dev.modelmonitor.stats;

import dev.modelmonitor.schema.DatasetDrift;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a window's profile with the reference's by the statistics and the default decision of
 * DESIGN section 5, and summarises features into dataset drift.
 *
 * <p>Numeric: PSI and JS on the reference's bins; KS and Wasserstein-1 on the two empirical
 * distributions (exact when both profiles keep their values, else the sketch's distribution on
 * the side that does not); the decision is KS p below {@code ks} when the reference has at most
 * {@code small_reference_size} values, otherwise normed Wasserstein above
 * {@code wasserstein_normed}. Categorical and boolean: PSI, JS and chi-square on the reference's
 * categories plus one bin for unseen ones; the decision is chi-square p below {@code chi_square}
 * for small references, otherwise JS above {@code jensen_shannon}.
 */
public final class DriftCalculator {
  private final DriftThresholds thresholds;

  public DriftCalculator(DriftThresholds thresholds) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
  }

  /** A calculator with the default thresholds. */
  public static DriftCalculator withDefaults() {
    return new DriftCalculator(DriftThresholds.defaults());
  }

  public DriftThresholds thresholds() {
    return thresholds;
  }

  /** Drift of {@code feature}, with that feature's thresholds. */
  public FeatureDrift compare(String feature, Profile reference, Profile current) {
    return compare(feature, PreparedReference.of(reference), current);
  }

  /**
   * Drift of {@code feature} against a reference prepared once for many comparisons: the same
   * result as {@link #compare(String, Profile, Profile)} with its profile.
   */
  public FeatureDrift compare(String feature, PreparedReference reference, Profile current) {
    DriftThresholds.FeatureThresholds t = thresholds.forFeature(feature);
    Profile profile = reference.profile();
    if (profile instanceof NumericProfile && current instanceof NumericProfile c) {
      return numeric(reference, c, t);
    }
    if (profile instanceof CategoricalProfile r && current instanceof CategoricalProfile c) {
      return categorical(r, c, t);
    }
    throw new IllegalArgumentException("feature " + feature + ": cannot compare a "
        + current.type() + " window with a " + profile.type() + " reference");
  }

  /** Drift with the global thresholds. */
  public FeatureDrift compare(Profile reference, Profile current) {
    return compare("", reference, current);
  }

  /**
   * Dataset drift over the features whose drift was computed: drifted when the share of drifted
   * ones is at least the {@code dataset_drift_share} threshold (never with no features).
   */
  public DatasetDrift datasetDrift(Collection<FeatureDrift> features) {
    int compared = 0;
    int drifted = 0;
    for (FeatureDrift f : features) {
      if (f.computed()) {
        compared++;
        if (f.drifted()) {
          drifted++;
        }
      }
    }
    double share = compared == 0 ? 0.0 : (double) drifted / compared;
    double threshold = thresholds.datasetDriftShare();
    return DatasetDrift.newBuilder()
        .setFeatureCount(compared)
        .setDriftedCount(drifted)
        .setShare(share)
        .setThreshold(threshold)
        .setDrifted(compared > 0 && share >= threshold)
        .build();
  }

  // ---------------------------------------------------------------------------------------------

  private static FeatureDrift numeric(PreparedReference prepared, NumericProfile current,
      DriftThresholds.FeatureThresholds t) {
    NumericProfile reference = (NumericProfile) prepared.profile();
    if (reference.count() == 0) {
      return FeatureDrift.notComputed("the reference has no values for this feature");
    }
    if (current.count() == 0) {
      return FeatureDrift.notComputed("the window has no values for this feature");
    }
    long[] referenceCounts = prepared.binCounts;
    NumericProfile.Binned currentBins = current.binnedOn(prepared.edges);
    long[] currentCounts = currentBins.counts();
    double psi = PopulationStabilityIndex.of(referenceCounts, currentCounts);
    double js = JensenShannon.distance(referenceCounts, currentCounts);

    StepDistribution referenceDistribution = prepared.distribution;
    StepDistribution currentDistribution = current.distribution();
    double d = KolmogorovSmirnov.statistic(referenceDistribution, currentDistribution);
    double p = KolmogorovSmirnov.pValue(d, reference.count(), current.count());
    double w = Wasserstein.distance(referenceDistribution, prepared.quantiles,
        currentDistribution);
    double wNormed = Wasserstein.normed(w, reference.std());
    boolean exact = referenceDistribution.exact && currentDistribution.exact
        && currentBins.exact();

    FeatureDrift.Statistics statistics =
        new FeatureDrift.Statistics(psi, js, d, p, w, wNormed, null, null);
    FeatureDrift.Bins bins = new FeatureDrift.Bins(prepared.labels, prepared.boxedBinCounts,
        PreparedReference.boxed(currentCounts));
    if (reference.count() <= t.smallReferenceSize()) {
      return new FeatureDrift(FeatureDrift.KS, p, t.ksPValue(), p < t.ksPValue(), statistics,
          bins, List.of(), exact, null);
    }
    return new FeatureDrift(FeatureDrift.WASSERSTEIN_NORMED, wNormed, t.wassersteinNormed(),
        wNormed > t.wassersteinNormed(), statistics, bins, List.of(), exact, null);
  }

  private static FeatureDrift categorical(CategoricalProfile reference,
      CategoricalProfile current, DriftThresholds.FeatureThresholds t) {
    if (reference.count() == 0) {
      return FeatureDrift.notComputed("the reference has no values for this feature");
    }
    if (current.count() == 0) {
      return FeatureDrift.notComputed("the window has no values for this feature");
    }
    Map<String, Long> categories = reference.categoryCounts();
    long referenceOther = reference.otherCount();
    int k = categories.size();
    long[] referenceCounts = new long[k + 1];
    long[] currentCounts = new long[k + 1];
    List<String> labels = new ArrayList<>(k + 1);
    int i = 0;
    long attributed = 0;
    for (Map.Entry<String, Long> e : categories.entrySet()) {
      labels.add(e.getKey());
      referenceCounts[i] = e.getValue();
      currentCounts[i] = current.trackedCount(e.getKey());
      attributed += currentCounts[i];
      i++;
    }
    labels.add(referenceOther > 0 ? FeatureDrift.Bins.OTHER : FeatureDrift.Bins.UNSEEN);
    referenceCounts[k] = referenceOther;
    // Everything in the window not counted in a reference category: unseen and folded values.
    currentCounts[k] = current.count() - attributed;

    List<String> unseen = new ArrayList<>();
    for (String category : current.trackedCounts().keySet()) {
      if (!categories.containsKey(category)) {
        unseen.add(category);
      }
    }

    double psi = PopulationStabilityIndex.of(referenceCounts, currentCounts);
    double js = JensenShannon.distance(referenceCounts, currentCounts);
    ChiSquareTest.Result chi = ChiSquareTest.of(referenceCounts, currentCounts);
    boolean exact = reference.foldedCount() == 0 && current.foldedCount() == 0;
    FeatureDrift.Statistics statistics = new FeatureDrift.Statistics(psi, js, null, null, null,
        null, chi.statistic(), chi.pValue());
    FeatureDrift.Bins bins =
        new FeatureDrift.Bins(labels, PreparedReference.boxed(referenceCounts),
        PreparedReference.boxed(currentCounts));
    if (reference.count() <= t.smallReferenceSize()) {
      return new FeatureDrift(FeatureDrift.CHI_SQUARE, chi.pValue(), t.chiSquarePValue(),
          chi.pValue() < t.chiSquarePValue(), statistics, bins, unseen, exact, null);
    }
    return new FeatureDrift(FeatureDrift.JENSEN_SHANNON, js, t.jsDistance(),
        js > t.jsDistance(), statistics, bins, unseen, exact, null);
  }
}
