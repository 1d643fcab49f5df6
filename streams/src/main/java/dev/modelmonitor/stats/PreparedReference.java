package dev.modelmonitor.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A reference profile with what every drift comparison against it needs, computed once: its bin
 * edges, counts and labels, and for a numeric profile with values its distribution and quantile
 * function. A service compares each reference with many windows (every check, every report), so
 * {@link DriftCalculator#compare(String, PreparedReference, Profile)} with a prepared reference
 * gives the same result as with the bare profile, without recomputing the reference's side.
 *
 * <p>The profile must not change after it is prepared; a reference never does.
 */
public final class PreparedReference {
  private final Profile profile;
  final double[] edges;
  final long[] binCounts;
  final List<String> labels;
  final List<Long> boxedBinCounts;
  /** Null for a categorical profile or a numeric one without values. */
  final StepDistribution distribution;
  final QuantileFunction quantiles;

  private PreparedReference(Profile profile) {
    this.profile = profile;
    if (profile instanceof NumericProfile numeric) {
      edges = numeric.binEdges();
      binCounts = numeric.binCounts();
      labels = List.copyOf(numericLabels(edges));
      boxedBinCounts = List.copyOf(boxed(binCounts));
      distribution = numeric.count() == 0 ? null : numeric.distribution();
      quantiles = distribution == null ? null : QuantileFunction.of(distribution);
    } else {
      edges = null;
      binCounts = null;
      labels = null;
      boxedBinCounts = null;
      distribution = null;
      quantiles = null;
    }
  }

  /** {@code profile} prepared for comparisons. */
  public static PreparedReference of(Profile profile) {
    return new PreparedReference(Objects.requireNonNull(profile, "profile"));
  }

  public Profile profile() {
    return profile;
  }

  static List<String> numericLabels(double[] edges) {
    List<String> labels = new ArrayList<>(edges.length + 1);
    String lower = "-inf";
    for (double edge : edges) {
      labels.add("(" + lower + ", " + edge + "]");
      lower = Double.toString(edge);
    }
    labels.add("(" + lower + ", +inf)");
    return labels;
  }

  static List<Long> boxed(long[] counts) {
    List<Long> list = new ArrayList<>(counts.length);
    for (long c : counts) {
      list.add(c);
    }
    return list;
  }
}
