package dev.modelmonitor.bench;

import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.stats.CategoricalProfile;
import dev.modelmonitor.stats.NumericReferenceBuilder;
import dev.modelmonitor.stats.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prediction events of a tabular model for load tests: {@code features} features, four in five
 * numeric (continuous, drifting slowly with time) and the rest categorical (ten categories), a
 * numeric prediction, a latency, and 1% failed requests. Deterministic for a seed.
 */
final class SyntheticPredictions {
  private static final String[] CATEGORIES = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};

  private final int features;
  private final int models;
  private final long startMillis;
  private final long stepMillis;
  private final SplittableRandom random;
  private final Instance instance = Instance.newBuilder().setId("bench-0").build();
  private final String[] names;

  SyntheticPredictions(int features, int models, Instant start, long stepMillis, long seed) {
    this.features = features;
    this.models = models;
    this.startMillis = start.toEpochMilli();
    this.stepMillis = stepMillis;
    this.random = new SplittableRandom(seed);
    this.names = new String[features];
    for (int f = 0; f < features; f++) {
      names[f] = (isNumeric(f) ? "num_" : "cat_") + f;
    }
  }

  static String model(int m) {
    return "model-" + m;
  }

  private static boolean isNumeric(int feature) {
    return feature % 5 != 4;
  }

  /** Event {@code i}: model i mod models, time start + i * step. */
  PredictionEvent event(long i) {
    long t = startMillis + i * stepMillis;
    double drift = (double) i / 1_000_000;
    Map<String, Object> values = new LinkedHashMap<>(features * 2);
    for (int f = 0; f < features; f++) {
      if (isNumeric(f)) {
        values.put(names[f], f + random.nextGaussian() * (1 + f % 3) + drift);
      } else {
        values.put(names[f], CATEGORIES[(int) Math.min(9, Math.abs(random.nextGaussian()) * 3)]);
      }
    }
    boolean failed = random.nextInt(100) == 0;
    return PredictionEvent.newBuilder()
        .setModelId(model((int) (i % models)))
        .setModelVersion("1.0")
        .setTimestamp(Instant.ofEpochMilli(t))
        .setInstance(instance)
        .setRequestId("req-" + i)
        .setFeatures(values)
        .setPrediction(failed ? null : random.nextDouble() * 100)
        .setLatencyMicros(2_000 + (long) (random.nextDouble() * 20_000))
        .setOutcome(failed ? Outcome.ERROR : Outcome.OK)
        .setError(failed ? "TimeoutException" : null)
        .build();
  }

  /**
   * The ground truth of {@code event}, arriving {@code lagMillis} after it: its prediction plus
   * noise; null for a failed event, which has no prediction to score.
   */
  LabelEvent label(PredictionEvent event, long lagMillis) {
    if (event.getPrediction() == null) {
      return null;
    }
    return LabelEvent.newBuilder()
        .setModelId(event.getModelId())
        .setRequestId(event.getRequestId())
        .setTimestamp(event.getTimestamp().plusMillis(lagMillis))
        .setActual((Double) event.getPrediction() + random.nextGaussian() * 5)
        .build();
  }

  /** A reference for {@code model} from {@code rows} events drawn before any drift. */
  ReferenceProfile reference(String model, int rows) {
    SyntheticPredictions sample = new SyntheticPredictions(features, 1, Instant.EPOCH, 0, 42);
    List<NumericReferenceBuilder> numeric = new ArrayList<>();
    List<Profile> categorical = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      numeric.add(isNumeric(f) ? new NumericReferenceBuilder() : null);
      categorical.add(isNumeric(f) ? null : CategoricalProfile.create());
    }
    NumericReferenceBuilder prediction = new NumericReferenceBuilder();
    for (int r = 0; r < rows; r++) {
      PredictionEvent e = sample.event(0);
      for (int f = 0; f < features; f++) {
        Object v = e.getFeatures().get(names[f]);
        if (numeric.get(f) != null) {
          numeric.get(f).addValue(v);
        } else {
          categorical.get(f).updateValue(v);
        }
      }
      prediction.addValue(e.getPrediction());
    }
    List<FeatureProfile> profiles = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      Profile p = numeric.get(f) != null ? numeric.get(f).build() : categorical.get(f);
      profiles.add(p.toAvro(names[f]));
    }
    return ReferenceProfile.newBuilder()
        .setModelId(model)
        .setCreatedAt(Instant.now())
        .setSource("synthetic")
        .setRowCount(rows)
        .setFeatures(profiles)
        .setPrediction(prediction.build().toAvro("prediction"))
        .build();
  }
}
