package dev.modelmonitor.checks;

import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.stats.CategoricalProfile;
import dev.modelmonitor.stats.NumericProfile;
import dev.modelmonitor.stats.Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One model's traffic in one minute, as mergeable aggregates: counts by outcome, error types,
 * latency distribution, model versions, a profile per reference feature (on the reference's bin
 * edges) and of the prediction, presence counts of features the reference lacks, and the labels
 * joined. Its size depends on the number of features and the sketch parameter, not on the number
 * of events: numeric profiles keep at most {@code valueLimit} values and then a KLL sketch.
 *
 * <p>Mutable and not thread-safe. A bucket, a delta of one and a sum of many buckets are all of
 * this class.
 */
final class MinuteBucket {
  private static final byte FORMAT = 1;
  private static final int MAX_ERROR_TYPES = 20;
  private static final int MAX_VERSIONS = 10;

  /** {@code createdAt} of the reference the feature profiles count against; 0 for none. */
  long referenceVersion;
  long predictions;
  final long[] outcomes = new long[Outcome.values().length];
  long lastEventMillis;
  NumericProfile latencyMs;
  CategoricalProfile errorTypes;
  CategoricalProfile versions;
  /** Profiles of the reference's features, in the reference's order. */
  final Map<String, Profile> features = new LinkedHashMap<>();
  /** Features the reference lacks (all of them without a reference): {present, missing}. */
  final Map<String, long[]> untracked = new TreeMap<>();
  /** Values of feature names beyond {@code maxFeatures} untracked names, not counted by name. */
  long untrackedDropped;
  Profile prediction;
  long labelled;
  long unmatchedLabels;
  long correct;
  long numericPairs;
  long fractionalPairs;
  double absErrorSum;
  double squaredErrorSum;
  double errorSum;
  /**
   * In a closed minute's stored bucket: the highest sequence of the minute's deltas merged into
   * it, so readers skip those deltas while the close has not yet deleted them; -1 for none (and
   * in deltas, sums, and buckets stored before this was recorded). Set when the minute is closed;
   * {@link #mergeFrom} leaves it alone.
   */
  int absorbedThrough = -1;

  /** An empty bucket counting against {@code reference} (null for none). */
  static MinuteBucket empty(ModelReference reference, ChecksSettings settings) {
    MinuteBucket bucket = new MinuteBucket();
    if (reference != null) {
      bucket.referenceVersion = reference.createdAtMillis;
      reference.features.forEach(
          (name, profile) -> bucket.features.put(name, ModelReference.windowProfile(profile,
              settings)));
      if (reference.prediction != null) {
        bucket.prediction = ModelReference.windowProfile(reference.prediction, settings);
      }
    }
    return bucket;
  }

  /** An empty bucket with the same reference version and empty profiles of the same shape. */
  MinuteBucket emptyLike() {
    MinuteBucket bucket = new MinuteBucket();
    bucket.referenceVersion = referenceVersion;
    features.forEach((name, profile) -> bucket.features.put(name, profile.emptyLike()));
    bucket.prediction = prediction == null ? null : prediction.emptyLike();
    return bucket;
  }

  boolean isEmpty() {
    return predictions == 0 && labelled == 0 && unmatchedLabels == 0;
  }

  long errors() {
    return predictions - outcomes[Outcome.OK.ordinal()];
  }

  void addPrediction(PredictionEvent event, int maxFeatures, int sketchK) {
    predictions++;
    outcomes[event.getOutcome().ordinal()]++;
    lastEventMillis = Math.max(lastEventMillis, event.getTimestamp().toEpochMilli());
    if (event.getLatencyMicros() != null) {
      if (latencyMs == null) {
        latencyMs = NumericProfile.create(new double[0], sketchK, 0);
      }
      latencyMs.update(event.getLatencyMicros() / 1000.0);
    }
    if (event.getOutcome() != Outcome.OK) {
      if (errorTypes == null) {
        errorTypes = CategoricalProfile.create(MAX_ERROR_TYPES);
      }
      errorTypes.update(event.getError() != null ? event.getError() : event.getOutcome().name());
    }
    if (event.getModelVersion() != null) {
      if (versions == null) {
        versions = CategoricalProfile.create(MAX_VERSIONS);
      }
      versions.update(event.getModelVersion());
    }
    Map<String, Object> values = event.getFeatures();
    int matched = 0;
    for (Map.Entry<String, Profile> feature : features.entrySet()) {
      Object value = values.get(feature.getKey());
      if (value != null || values.containsKey(feature.getKey())) {
        matched++;
      }
      feature.getValue().updateValue(value);
    }
    if (values.size() > matched) {
      for (Map.Entry<String, Object> value : values.entrySet()) {
        if (!features.containsKey(value.getKey())) {
          countUntracked(value.getKey(), value.getValue() == null, maxFeatures);
        }
      }
    }
    if (prediction != null) {
      prediction.updateValue(event.getPrediction());
    }
  }

  private void countUntracked(String name, boolean missing, int maxFeatures) {
    long[] counts = untracked.get(name);
    if (counts == null) {
      if (untracked.size() >= maxFeatures) {
        untrackedDropped++;
        return;
      }
      counts = new long[2];
      untracked.put(name, counts);
    }
    counts[missing ? 1 : 0]++;
  }

  /** A label joined with its prediction. */
  void addLabel(Object predicted, Object actual) {
    labelled++;
    if (Values.canonical(predicted).equals(Values.canonical(actual))) {
      correct++;
    }
    if (Values.isNumber(predicted) && Values.isNumber(actual)) {
      double p = ((Number) predicted).doubleValue();
      double a = ((Number) actual).doubleValue();
      numericPairs++;
      if (Values.isFractional(predicted) || Values.isFractional(actual)) {
        fractionalPairs++;
      }
      double error = p - a;
      errorSum += error;
      absErrorSum += Math.abs(error);
      squaredErrorSum += error * error;
    }
  }

  void addUnmatchedLabel() {
    unmatchedLabels++;
  }

  /**
   * Adds {@code other}'s counts; its feature and prediction profiles only when {@code
   * withProfiles} (the caller checks that both count against the same reference).
   */
  void mergeFrom(MinuteBucket other, boolean withProfiles) {
    predictions += other.predictions;
    for (int i = 0; i < outcomes.length; i++) {
      outcomes[i] += other.outcomes[i];
    }
    lastEventMillis = Math.max(lastEventMillis, other.lastEventMillis);
    latencyMs = (NumericProfile) merged(latencyMs, other.latencyMs);
    errorTypes = (CategoricalProfile) merged(errorTypes, other.errorTypes);
    versions = (CategoricalProfile) merged(versions, other.versions);
    if (withProfiles) {
      other.features.forEach((name, profile) -> {
        Profile mine = features.get(name);
        features.put(name, merged(mine, profile));
      });
      prediction = merged(prediction, other.prediction);
    }
    other.untracked.forEach((name, counts) -> {
      long[] mine = untracked.computeIfAbsent(name, n -> new long[2]);
      mine[0] += counts[0];
      mine[1] += counts[1];
    });
    untrackedDropped += other.untrackedDropped;
    labelled += other.labelled;
    unmatchedLabels += other.unmatchedLabels;
    correct += other.correct;
    numericPairs += other.numericPairs;
    fractionalPairs += other.fractionalPairs;
    absErrorSum += other.absErrorSum;
    squaredErrorSum += other.squaredErrorSum;
    errorSum += other.errorSum;
  }

  /** {@code into} with {@code from} merged in; a copy of {@code from} when {@code into} is null. */
  private static Profile merged(Profile into, Profile from) {
    if (from == null) {
      return into;
    }
    if (into == null) {
      return from.copy();
    }
    if (into instanceof NumericProfile n && from instanceof NumericProfile m) {
      return n.mergeFrom(m);
    }
    if (into instanceof CategoricalProfile c && from instanceof CategoricalProfile d) {
      return c.mergeFrom(d);
    }
    throw new IllegalArgumentException(
        "cannot merge a " + from.type() + " profile into a " + into.type() + " profile");
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(referenceVersion);
      out.writeLong(predictions);
      out.writeByte(outcomes.length);
      for (long count : outcomes) {
        out.writeLong(count);
      }
      out.writeLong(lastEventMillis);
      Codec.writeProfile(out, latencyMs);
      Codec.writeProfile(out, errorTypes);
      Codec.writeProfile(out, versions);
      out.writeInt(features.size());
      for (Map.Entry<String, Profile> e : features.entrySet()) {
        out.writeUTF(e.getKey());
        Codec.writeProfile(out, e.getValue());
      }
      out.writeInt(untracked.size());
      for (Map.Entry<String, long[]> e : untracked.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeLong(e.getValue()[0]);
        out.writeLong(e.getValue()[1]);
      }
      out.writeLong(untrackedDropped);
      Codec.writeProfile(out, prediction);
      out.writeLong(labelled);
      out.writeLong(unmatchedLabels);
      out.writeLong(correct);
      out.writeLong(numericPairs);
      out.writeLong(fractionalPairs);
      out.writeDouble(absErrorSum);
      out.writeDouble(squaredErrorSum);
      out.writeDouble(errorSum);
      // After format 1's last field: readers of buckets without it find the end there, and
      // older versions, reading only format 1's fields, ignore it (rolling upgrades).
      out.writeInt(absorbedThrough);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static MinuteBucket fromBytes(byte[] bytes) {
    MinuteBucket b = new MinuteBucket();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      Codec.expectFormat(in.readByte(), FORMAT, "minute bucket");
      b.referenceVersion = in.readLong();
      b.predictions = in.readLong();
      int outcomeCount = in.readByte();
      for (int i = 0; i < outcomeCount; i++) {
        b.outcomes[i] = in.readLong();
      }
      b.lastEventMillis = in.readLong();
      b.latencyMs = (NumericProfile) Codec.readProfile(in);
      b.errorTypes = (CategoricalProfile) Codec.readProfile(in);
      b.versions = (CategoricalProfile) Codec.readProfile(in);
      for (int i = in.readInt(); i > 0; i--) {
        b.features.put(in.readUTF(), Codec.readProfile(in));
      }
      for (int i = in.readInt(); i > 0; i--) {
        b.untracked.put(in.readUTF(), new long[] {in.readLong(), in.readLong()});
      }
      b.untrackedDropped = in.readLong();
      b.prediction = Codec.readProfile(in);
      b.labelled = in.readLong();
      b.unmatchedLabels = in.readLong();
      b.correct = in.readLong();
      b.numericPairs = in.readLong();
      b.fractionalPairs = in.readLong();
      b.absErrorSum = in.readDouble();
      b.squaredErrorSum = in.readDouble();
      b.errorSum = in.readDouble();
      b.absorbedThrough = in.available() >= Integer.BYTES ? in.readInt() : -1;
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable minute bucket", e);
    }
    return b;
  }
}
