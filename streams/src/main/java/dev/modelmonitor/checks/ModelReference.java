package dev.modelmonitor.checks;

import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.TaskType;
import dev.modelmonitor.stats.CategoricalProfile;
import dev.modelmonitor.stats.NumericProfile;
import dev.modelmonitor.stats.PreparedReference;
import dev.modelmonitor.stats.Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's reference as the checks use it: the profiles of its features and prediction (with
 * the bin edges windows are counted on), its task type and its drift thresholds. Kept in a state
 * store in the statistics library's own binary form, not as Avro, so reading it needs no
 * registry.
 */
final class ModelReference {
  private static final byte FORMAT = 1;

  final long createdAtMillis;
  final String source;
  final TaskType taskType;
  final Map<String, Double> driftThresholds;
  final Map<String, Profile> features;
  final Profile prediction;
  /** The features' and prediction's profiles prepared for drift, once per reference. */
  final Map<String, PreparedReference> preparedFeatures;
  final PreparedReference preparedPrediction;

  private ModelReference(long createdAtMillis, String source, TaskType taskType,
      Map<String, Double> driftThresholds, Map<String, Profile> features, Profile prediction) {
    this.createdAtMillis = createdAtMillis;
    this.source = source;
    this.taskType = taskType;
    this.driftThresholds = Collections.unmodifiableMap(driftThresholds);
    this.features = Collections.unmodifiableMap(features);
    this.prediction = prediction;
    Map<String, PreparedReference> prepared = new LinkedHashMap<>();
    features.forEach((name, profile) -> prepared.put(name, PreparedReference.of(profile)));
    this.preparedFeatures = Collections.unmodifiableMap(prepared);
    this.preparedPrediction = prediction == null ? null : PreparedReference.of(prediction);
  }

  /**
   * The checks' form of {@code profile}.
   *
   * @throws IllegalArgumentException naming the feature when a profile is inconsistent
   */
  static ModelReference of(ReferenceProfile profile) {
    Map<String, Profile> features = new LinkedHashMap<>();
    for (FeatureProfile f : profile.getFeatures()) {
      features.put(f.getName(), Profile.fromAvro(f));
    }
    Profile prediction =
        profile.getPrediction() == null ? null : Profile.fromAvro(profile.getPrediction());
    return new ModelReference(profile.getCreatedAt().toEpochMilli(), profile.getSource(),
        profile.getTaskType(), new LinkedHashMap<>(profile.getDriftThresholds()), features,
        prediction);
  }

  /** An empty window profile for a reference profile: same type, the reference's bin edges. */
  static Profile windowProfile(Profile reference, ChecksSettings settings) {
    if (reference instanceof NumericProfile numeric) {
      return NumericProfile.create(numeric.binEdges(), settings.sketchK(), settings.valueLimit());
    }
    return ((CategoricalProfile) reference).emptyLike();
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(createdAtMillis);
      out.writeUTF(source);
      out.writeByte(taskType == null ? -1 : taskType.ordinal());
      out.writeInt(driftThresholds.size());
      for (Map.Entry<String, Double> e : driftThresholds.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeDouble(e.getValue());
      }
      out.writeInt(features.size());
      for (Map.Entry<String, Profile> e : features.entrySet()) {
        out.writeUTF(e.getKey());
        Codec.writeProfile(out, e.getValue());
      }
      Codec.writeProfile(out, prediction);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static ModelReference fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      Codec.expectFormat(in.readByte(), FORMAT, "model reference");
      long createdAt = in.readLong();
      String source = in.readUTF();
      int task = in.readByte();
      Map<String, Double> thresholds = new LinkedHashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        thresholds.put(in.readUTF(), in.readDouble());
      }
      Map<String, Profile> features = new LinkedHashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        features.put(in.readUTF(), Codec.readProfile(in));
      }
      Profile prediction = Codec.readProfile(in);
      return new ModelReference(createdAt, source, task < 0 ? null : TaskType.values()[task],
          thresholds, features, prediction);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable model reference", e);
    }
  }
}
