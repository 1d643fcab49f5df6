package dev.modelmonitor.alerts;

import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.stats.CategoricalProfile;
import dev.modelmonitor.stats.DriftCalculator;
import dev.modelmonitor.stats.DriftThresholds;
import dev.modelmonitor.stats.FeatureDrift;
import dev.modelmonitor.stats.NumericProfile;
import dev.modelmonitor.stats.Profile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift metrics on the statistics library ({@code dev.modelmonitor.stats}): window samples
 * are library profiles binned like the reference's, compared by {@link DriftCalculator} with the
 * thresholds of DESIGN §5 and the reference's overrides.
 */
final class StatsDriftMeter implements DriftMeter {
  /** Distinct numeric values a bucket keeps exactly before it sketches (the window keeps 1,000). */
  static final int BUCKET_VALUE_LIMIT = 256;
  private static final Logger log = LoggerFactory.getLogger(StatsDriftMeter.class);

  @Override
  public Reference prepare(ReferenceProfile profile) {
    Map<String, Profile> features = new LinkedHashMap<>();
    Map<String, Double> missingRates = new LinkedHashMap<>();
    for (FeatureProfile f : profile.getFeatures()) {
      features.put(f.getName(), Profile.fromAvro(f));
      long total = f.getCount() + f.getMissing();
      missingRates.put(f.getName(), total == 0 ? 0.0 : (double) f.getMissing() / total);
    }
    if (profile.getPrediction() != null) {
      features.put(PREDICTION, Profile.fromAvro(profile.getPrediction()));
    }
    DriftThresholds thresholds = DriftThresholds.defaults();
    try {
      thresholds = thresholds.withOverrides(profile.getDriftThresholds());
    } catch (IllegalArgumentException e) {
      log.warn("reference of {}: ignoring its drift thresholds ({}); using the defaults",
          profile.getModelId(), e.getMessage());
    }
    return new LibraryReference(features, missingRates, new DriftCalculator(thresholds));
  }

  @Override
  public Sample read(byte[] bytes) {
    return new ProfileSample(Profile.fromBytes(bytes));
  }

  private record LibraryReference(
      Map<String, Profile> profiles, Map<String, Double> missingRates, DriftCalculator calculator)
      implements Reference {
    @Override
    public Set<String> features() {
      return profiles.keySet();
    }

    @Override
    public double missingRate(String feature) {
      return missingRates.getOrDefault(feature, 0.0);
    }

    @Override
    public Sample newSample(String feature) {
      Profile reference = profiles.get(feature);
      if (reference instanceof NumericProfile n) {
        // A bucket keeps fewer distinct values exactly than a window: it is one of many.
        return new ProfileSample(NumericProfile.create(n.binEdges(), n.sketchK(), BUCKET_VALUE_LIMIT));
      }
      return new ProfileSample(reference.emptyLike());
    }

    @Override
    public Sample windowSample(String feature) {
      return new ProfileSample(profiles.get(feature).emptyLike());
    }

    @Override
    public Score score(String feature, Sample current) {
      Profile reference = profiles.get(feature);
      if (reference == null || !(current instanceof ProfileSample sample)) {
        return Score.notComputed();
      }
      if (sample.profile.type() != reference.type()) {
        return Score.notComputed();
      }
      FeatureDrift d = calculator.compare(PREDICTION.equals(feature) ? "" : feature, reference, sample.profile);
      if (!d.computed()) {
        return Score.notComputed();
      }
      FeatureDrift.Statistics s = d.statistics();
      return new Score(
          true,
          d.drifted(),
          d.method(),
          d.score(),
          orNaN(s.psi()),
          orNaN(s.jsDistance()),
          orNaN(s.ksStatistic()),
          orNaN(s.wassersteinNormed()),
          describe(reference),
          describe(sample.profile));
    }

    private static double orNaN(Double d) {
      return d == null ? Double.NaN : d;
    }
  }

  /** Median for numbers, the three most frequent categories with their shares otherwise. */
  static String describe(Profile profile) {
    if (profile instanceof NumericProfile n) {
      return "median " + Numbers.format(n.quantile(0.5));
    }
    CategoricalProfile c = (CategoricalProfile) profile;
    StringBuilder out = new StringBuilder();
    long total = c.count();
    int shown = 0;
    for (Map.Entry<String, Long> e : c.categoryCounts().entrySet()) {
      if (shown == 3) {
        break;
      }
      if (shown > 0) {
        out.append(", ");
      }
      out.append(e.getKey()).append(' ').append(Numbers.percent((double) e.getValue() / total));
      shown++;
    }
    return out.length() == 0 ? "no values" : out.toString();
  }

  /** A library profile as a window sample. */
  private static final class ProfileSample implements Sample {
    private final Profile profile;

    ProfileSample(Profile profile) {
      this.profile = profile;
    }

    @Override
    public void add(Object value) {
      profile.updateValue(value);
    }

    @Override
    public long count() {
      return profile.count();
    }

    @Override
    public void addAll(Sample other) {
      Profile o = ((ProfileSample) other).profile;
      if (profile instanceof NumericProfile n && o instanceof NumericProfile on) {
        n.mergeFrom(on);
      } else if (profile instanceof CategoricalProfile c && o instanceof CategoricalProfile oc) {
        c.mergeFrom(oc);
      } else {
        throw new IllegalArgumentException("cannot merge a " + o.type() + " profile into a " + profile.type() + " one");
      }
    }

    @Override
    public byte[] toBytes() {
      return profile.toBytes();
    }
  }
}
