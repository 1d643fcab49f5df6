package dev.modelmonitor.stats;

import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.FeatureType;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The mergeable, serializable distribution of one feature in a dataset or a window: either a
 * {@link NumericProfile} or a {@link CategoricalProfile} (which also profiles booleans).
 *
 * <p>Profiles are mutable accumulators and not thread-safe. {@link #updateValue(Object)} never
 * throws on bad data: it counts it.
 */
public sealed interface Profile permits NumericProfile, CategoricalProfile {

  /** How the feature is profiled. */
  FeatureType type();

  /** Values present. */
  long count();

  /** Values missing, including type mismatches. */
  long missing();

  /** Values of the wrong type for the feature (also counted in {@link #missing()}). */
  long typeMismatches();

  /**
   * Adds one value as it arrives in an event: {@code null} is missing, a value of the wrong type
   * is a type mismatch. See the implementations for what each type accepts.
   */
  void updateValue(Object value);

  /** Adds one missing value. */
  void updateMissing();

  /** Adds one value of the wrong type (counted as missing too). */
  void updateTypeMismatch();

  /** An independent copy. */
  Profile copy();

  /** A profile with no data and the same type, bins and limits: a window's, from a reference. */
  Profile emptyLike();

  /** The compact binary state: a format version byte first, then the kind, then the fields. */
  byte[] toBytes();

  /** The Avro form, published in references: with the sample's values or sketch. */
  FeatureProfile toAvro(String name);

  /**
   * The Avro form without the sample itself (no values, value counts or sketch), as a report
   * publishes a window's profile: its summary, quantiles and bins.
   */
  default FeatureProfile summaryToAvro(String name) {
    return toAvro(name);
  }

  /** An empty profile with default limits and no bin edges for a feature of {@code type}. */
  static Profile forType(FeatureType type) {
    return switch (Objects.requireNonNull(type, "type")) {
      case NUMERIC -> NumericProfile.create();
      case CATEGORICAL -> CategoricalProfile.create();
      case BOOLEAN -> CategoricalProfile.forBooleans();
    };
  }

  /** Reads {@link #toBytes()} output of either kind. */
  static Profile fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte kind = ProfileFormat.readHeader(buffer);
    return switch (kind) {
      case ProfileFormat.NUMERIC -> NumericProfile.read(buffer);
      case ProfileFormat.CATEGORICAL -> CategoricalProfile.read(buffer, FeatureType.CATEGORICAL);
      case ProfileFormat.BOOLEAN -> CategoricalProfile.read(buffer, FeatureType.BOOLEAN);
      default -> throw new IllegalArgumentException("unknown profile kind " + kind);
    };
  }

  /** Reads the Avro form of either kind. */
  static Profile fromAvro(FeatureProfile avro) {
    return avro.getType() == FeatureType.NUMERIC
        ? NumericProfile.fromAvro(avro)
        : CategoricalProfile.fromAvro(avro);
  }

  /** A new profile of the values of both; neither argument changes. */
  static Profile merge(Profile a, Profile b) {
    if (a instanceof NumericProfile na && b instanceof NumericProfile nb) {
      return NumericProfile.merge(na, nb);
    }
    if (a instanceof CategoricalProfile ca && b instanceof CategoricalProfile cb) {
      return CategoricalProfile.merge(ca, cb);
    }
    throw new IllegalArgumentException("cannot merge a " + a.type() + " profile with a "
        + b.type() + " profile");
  }
}
