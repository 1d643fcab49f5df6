package dev.modelmonitor.checks;

import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.TaskType;
import dev.modelmonitor.stats.CategoricalProfile;
import dev.modelmonitor.stats.NumericReferenceBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reference profiles built the way {@code reference publish} builds them, for tests. */
final class References {
  private final List<FeatureProfile> features = new ArrayList<>();
  private FeatureProfile prediction;
  private Map<String, Double> thresholds = Map.of();
  private TaskType taskType;

  References numeric(String name, double... values) {
    NumericReferenceBuilder builder = new NumericReferenceBuilder();
    for (double v : values) {
      builder.add(v);
    }
    features.add(builder.build().toAvro(name));
    return this;
  }

  References categorical(String name, String... values) {
    features.add(categories(values).toAvro(name));
    return this;
  }

  References prediction(String... values) {
    prediction = categories(values).toAvro("prediction");
    return this;
  }

  References thresholds(Map<String, Double> values) {
    thresholds = values;
    return this;
  }

  References taskType(TaskType type) {
    taskType = type;
    return this;
  }

  private static CategoricalProfile categories(String... values) {
    CategoricalProfile profile = CategoricalProfile.create();
    for (String v : values) {
      profile.update(v);
    }
    return profile;
  }

  ReferenceProfile build(String model, Instant createdAt) {
    return ReferenceProfile.newBuilder()
        .setModelId(model)
        .setCreatedAt(createdAt)
        .setSource("data.csv")
        .setRowCount(200)
        .setFeatures(features)
        .setPrediction(prediction)
        .setTaskType(taskType)
        .setDriftThresholds(thresholds)
        .build();
  }

  static double[] range(int from, int to) {
    double[] values = new double[to - from];
    for (int i = from; i < to; i++) {
      values[i - from] = i;
    }
    return values;
  }

  static String[] repeat(String value, int times) {
    String[] values = new String[times];
    java.util.Arrays.fill(values, value);
    return values;
  }

  static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
