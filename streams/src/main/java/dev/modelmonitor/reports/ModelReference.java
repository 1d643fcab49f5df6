package dev.modelmonitor.reports;

import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.TaskType;
import dev.modelmonitor.stats.DriftThresholds;
import dev.modelmonitor.stats.PreparedReference;
import dev.modelmonitor.stats.Profile;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's reference, decoded for comparisons: the profiles of its features, prediction and
 * label, its task type and its drift thresholds (the defaults with the reference's overrides).
 */
final class ModelReference {
  private final String source;
  private final Instant createdAt;
  private final Map<String, Profile> features;
  /** Each profile prepared for comparisons once, not again for every window's report. */
  private final Map<String, PreparedReference> prepared;
  private final PreparedReference preparedPrediction;
  private final Profile prediction;
  private final Profile label;
  private final TaskType taskType;
  private final DriftThresholds thresholds;
  private final String thresholdProblem;

  private ModelReference(ReferenceProfile avro) {
    this.source = avro.getSource();
    this.createdAt = avro.getCreatedAt();
    Map<String, Profile> byName = new LinkedHashMap<>();
    for (FeatureProfile f : avro.getFeatures()) {
      byName.put(f.getName(), Profile.fromAvro(f));
    }
    this.features = Collections.unmodifiableMap(byName);
    Map<String, PreparedReference> preparedByName = new HashMap<>();
    byName.forEach((name, profile) -> preparedByName.put(name, PreparedReference.of(profile)));
    this.prepared = preparedByName;
    this.prediction = avro.getPrediction() == null ? null : Profile.fromAvro(avro.getPrediction());
    this.preparedPrediction = prediction == null ? null : PreparedReference.of(prediction);
    this.label = avro.getLabel() == null ? null : Profile.fromAvro(avro.getLabel());
    this.taskType = avro.getTaskType() != null ? avro.getTaskType()
        : TaskTypeRule.infer(label, prediction);
    DriftThresholds t = DriftThresholds.defaults();
    String problem = null;
    try {
      t = t.withOverrides(avro.getDriftThresholds());
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    this.thresholds = t;
    this.thresholdProblem = problem;
  }

  /**
   * Decodes {@code avro}.
   *
   * @throws IllegalArgumentException naming the feature when a profile is inconsistent
   */
  static ModelReference of(ReferenceProfile avro) {
    return new ModelReference(avro);
  }

  String source() {
    return source;
  }

  Instant createdAt() {
    return createdAt;
  }

  Map<String, Profile> features() {
    return features;
  }

  Profile feature(String name) {
    return features.get(name);
  }

  /** {@link #feature} prepared for comparisons, or null. */
  PreparedReference prepared(String name) {
    return prepared.get(name);
  }

  /** {@link #prediction} prepared for comparisons, or null. */
  PreparedReference preparedPrediction() {
    return preparedPrediction;
  }

  Profile prediction() {
    return prediction;
  }

  boolean hasLabel() {
    return label != null;
  }

  TaskType taskType() {
    return taskType;
  }

  DriftThresholds thresholds() {
    return thresholds;
  }

  /** Why the reference's threshold overrides were ignored, or null. */
  String thresholdProblem() {
    return thresholdProblem;
  }

  /** Share of the reference's rows missing {@code profile}'s feature. */
  static double missingRate(Profile profile) {
    long total = profile.count() + profile.missing();
    return total == 0 ? 0.0 : (double) profile.missing() / total;
  }
}
