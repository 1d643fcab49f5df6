package dev.modelmonitor.stats;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The thresholds of the default drift decision (DESIGN section 5), global and per feature.
 *
 * <p>Keys, as in {@code ReferenceProfile.driftThresholds} and the configuration: {@value #KS}
 * (KS p-value below which a numeric feature drifted, 0.05), {@value #WASSERSTEIN_NORMED} (normed
 * Wasserstein above which it drifted, 0.1), {@value #CHI_SQUARE} (chi-square p-value, 0.05),
 * {@value #JENSEN_SHANNON} (JS distance, 0.1), {@value #PSI} (PSI level reported as major, 0.2;
 * PSI does not decide), {@value #SMALL_REFERENCE_SIZE} (references with at most this many values
 * decide by the tests, larger ones by the distances, 1000) and {@value #DATASET_DRIFT_SHARE}
 * (share of drifted features at or above which the dataset drifted, 0.5). A key prefixed with a
 * feature name and a dot ({@code temp.wasserstein_normed}) applies to that feature only.
 */
public final class DriftThresholds {
  public static final String KS = "ks";
  public static final String WASSERSTEIN_NORMED = "wasserstein_normed";
  public static final String CHI_SQUARE = "chi_square";
  public static final String JENSEN_SHANNON = "jensen_shannon";
  public static final String PSI = "psi";
  public static final String SMALL_REFERENCE_SIZE = "small_reference_size";
  public static final String DATASET_DRIFT_SHARE = "dataset_drift_share";

  private static final Map<String, Double> DEFAULTS = defaultValues();
  private static final Set<String> FEATURE_KEYS =
      Set.of(KS, WASSERSTEIN_NORMED, CHI_SQUARE, JENSEN_SHANNON, PSI, SMALL_REFERENCE_SIZE);

  private final Map<String, Double> global;
  private final Map<String, Map<String, Double>> perFeature;

  private DriftThresholds(Map<String, Double> global, Map<String, Map<String, Double>> perFeature) {
    this.global = Map.copyOf(global);
    Map<String, Map<String, Double>> copy = new HashMap<>();
    perFeature.forEach((feature, values) -> copy.put(feature, Map.copyOf(values)));
    this.perFeature = Map.copyOf(copy);
  }

  private static Map<String, Double> defaultValues() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put(KS, 0.05);
    values.put(WASSERSTEIN_NORMED, 0.1);
    values.put(CHI_SQUARE, 0.05);
    values.put(JENSEN_SHANNON, 0.1);
    values.put(PSI, 0.2);
    values.put(SMALL_REFERENCE_SIZE, 1000.0);
    values.put(DATASET_DRIFT_SHARE, 0.5);
    return values;
  }

  /** The thresholds of DESIGN section 5. */
  public static DriftThresholds defaults() {
    return new DriftThresholds(DEFAULTS, Map.of());
  }

  /**
   * These thresholds with {@code overrides} applied ({@code key} or {@code feature.key}).
   *
   * @throws IllegalArgumentException naming the key when a key is unknown or a value out of range
   */
  public DriftThresholds withOverrides(Map<String, Double> overrides) {
    Map<String, Double> newGlobal = new HashMap<>(global);
    Map<String, Map<String, Double>> newPerFeature = new HashMap<>();
    perFeature.forEach((f, v) -> newPerFeature.put(f, new HashMap<>(v)));
    for (Map.Entry<String, Double> e : overrides.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "threshold key");
      double value = Objects.requireNonNull(e.getValue(), () -> "value of threshold " + key);
      if (DEFAULTS.containsKey(key)) {
        newGlobal.put(key, validated(key, key, value));
        continue;
      }
      int dot = key.lastIndexOf('.');
      String name = dot < 0 ? key : key.substring(dot + 1);
      if (dot <= 0 || !FEATURE_KEYS.contains(name)) {
        throw new IllegalArgumentException("unknown drift threshold '" + key + "': use one of "
            + DEFAULTS.keySet() + ", or <feature>.<key> with a key of " + FEATURE_KEYS);
      }
      newPerFeature.computeIfAbsent(key.substring(0, dot), f -> new HashMap<>())
          .put(name, validated(key, name, value));
    }
    return new DriftThresholds(newGlobal, newPerFeature);
  }

  private static double validated(String key, String name, double value) {
    boolean ok = switch (name) {
      case KS, CHI_SQUARE -> value > 0 && value < 1;
      case DATASET_DRIFT_SHARE -> value > 0 && value <= 1;
      case SMALL_REFERENCE_SIZE -> value >= 0 && value == Math.rint(value);
      default -> value >= 0 && Double.isFinite(value);
    };
    if (!ok) {
      String range = switch (name) {
        case KS, CHI_SQUARE -> "a p-value in (0, 1)";
        case DATASET_DRIFT_SHARE -> "a share in (0, 1]";
        case SMALL_REFERENCE_SIZE -> "a whole number >= 0";
        default -> "a finite number >= 0";
      };
      throw new IllegalArgumentException("drift threshold '" + key + "' must be " + range
          + " but was " + value);
    }
    return value;
  }

  /** The thresholds in force for {@code feature}. */
  public FeatureThresholds forFeature(String feature) {
    Map<String, Double> own = perFeature.getOrDefault(feature, Map.of());
    return new FeatureThresholds(
        own.getOrDefault(KS, global.get(KS)),
        own.getOrDefault(WASSERSTEIN_NORMED, global.get(WASSERSTEIN_NORMED)),
        own.getOrDefault(CHI_SQUARE, global.get(CHI_SQUARE)),
        own.getOrDefault(JENSEN_SHANNON, global.get(JENSEN_SHANNON)),
        own.getOrDefault(PSI, global.get(PSI)),
        (long) (double) own.getOrDefault(SMALL_REFERENCE_SIZE, global.get(SMALL_REFERENCE_SIZE)));
  }

  /** The thresholds in force for a feature without overrides. */
  public FeatureThresholds global() {
    return forFeature("");
  }

  /** Share of drifted features at or above which the dataset drifted. */
  public double datasetDriftShare() {
    return global.get(DATASET_DRIFT_SHARE);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DriftThresholds other && global.equals(other.global)
        && perFeature.equals(other.perFeature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(global, perFeature);
  }

  @Override
  public String toString() {
    return "DriftThresholds{" + global + ", per feature " + perFeature + "}";
  }

  /** The thresholds for one feature. */
  public record FeatureThresholds(double ksPValue, double wassersteinNormed,
      double chiSquarePValue, double jsDistance, double psi, long smallReferenceSize) {}
}
