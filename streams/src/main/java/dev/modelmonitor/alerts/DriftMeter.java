package dev.modelmonitor.alerts;

import dev.modelmonitor.schema.ReferenceProfile;
import java.util.Set;

/**
 * The seam between the alert metrics and the statistics library (DESIGN §5): how a window's
 * values of a feature are profiled, stored and compared with the reference in force. The
 * alerts topology only counts, merges and asks for scores.
 */
interface DriftMeter {
  /** The feature name under which the model output is profiled and compared. */
  String PREDICTION = "(prediction)";

  /** Prepares a model's reference for comparisons. */
  Reference prepare(ReferenceProfile profile);

  /** Reads {@link Sample#toBytes()}. */
  Sample read(byte[] bytes);

  /** A reference profile ready to compare windows with. */
  interface Reference {
    /** Features it profiles (and {@link #PREDICTION} when it profiles the output). */
    Set<String> features();

    /** Missing share of {@code feature} in the reference (missing / (count + missing)); 0 if unknown. */
    double missingRate(String feature);

    /** An empty profile of {@code feature} for one time bucket, binned like the reference. */
    Sample newSample(String feature);

    /** An empty profile of {@code feature} to merge a window's buckets into. */
    Sample windowSample(String feature);

    /** Compares a window's profile of {@code feature} with the reference. */
    Score score(String feature, Sample current);
  }

  /** A mergeable profile of a feature's values in a time bucket or a window. */
  interface Sample {
    /** Adds one value as it arrives in an event (null is missing). */
    void add(Object value);

    /** Values present. */
    long count();

    /** Adds everything {@code other} holds. */
    void addAll(Sample other);

    byte[] toBytes();
  }

  /**
   * Drift of one feature.
   *
   * @param decisionMethod the statistic the default decision used (ks, wasserstein_normed,
   *     chi_square, jensen_shannon)
   * @param decisionScore its value (a p-value for the tests)
   * @param ks KS statistic D (NaN for categorical features)
   * @param wassersteinNormed Wasserstein-1 over the reference std (NaN for categorical)
   * @param reference what the reference looks like, for people: median or top categories
   * @param current the same for the window
   */
  record Score(
      boolean computed,
      boolean drifted,
      String decisionMethod,
      double decisionScore,
      double psi,
      double js,
      double ks,
      double wassersteinNormed,
      String reference,
      String current) {
    static Score notComputed() {
      return new Score(false, false, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, null);
    }

    /** The score a {@code drift} rule compares, by its {@code method} parameter. */
    double by(String method) {
      return switch (method) {
        case "js" -> js;
        case "ks" -> ks;
        case "wasserstein_normed" -> wassersteinNormed;
        case "decision" -> drifted ? 1.0 : 0.0;
        default -> psi;
      };
    }
  }
}
