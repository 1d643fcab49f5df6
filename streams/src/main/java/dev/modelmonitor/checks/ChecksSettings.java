package dev.modelmonitor.checks;

import dev.modelmonitor.streams.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the checks topology, validated when built: "… but was x" names what is wrong.
 *
 * @param maxLookback the longest lookback a request may ask for, and how long minute aggregates
 *     are kept (service key {@code checks.max-lookback}, default 24 h)
 * @param labelMaxDelay how long a prediction waits for its label (service key {@code
 *     labels.max-delay}, default 1 h)
 * @param instanceName written to {@code CheckResult.answeredBy}: the host and port of the
 *     answering instance, say
 * @param thresholds service-wide threshold defaults over the built-in ones (see {@link
 *     CheckThresholds}); validated like a request's
 * @param sketchK the KLL parameter of the per-minute numeric profiles (rank error about 1.3% at
 *     200)
 * @param valueLimit distinct values a per-minute numeric profile keeps exactly before it switches
 *     to its sketch; small, because every minute of every feature keeps its own
 * @param maxFeatures feature names tracked per minute beyond the reference's (bounds the state of
 *     a model that sends arbitrary names)
 */
public record ChecksSettings(
    Duration maxLookback,
    Duration labelMaxDelay,
    String instanceName,
    Map<String, Double> thresholds,
    int sketchK,
    int valueLimit,
    int maxFeatures) {
  /** Default of {@link #maxLookback()}. */
  public static final Duration DEFAULT_MAX_LOOKBACK = Duration.ofHours(24);

  /** Default of {@link #labelMaxDelay()}. */
  public static final Duration DEFAULT_LABEL_MAX_DELAY = Duration.ofHours(1);

  public ChecksSettings {
    Objects.requireNonNull(maxLookback, "maxLookback");
    Objects.requireNonNull(labelMaxDelay, "labelMaxDelay");
    Objects.requireNonNull(instanceName, "instanceName");
    thresholds = Map.copyOf(Objects.requireNonNull(thresholds, "thresholds"));
    if (maxLookback.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException(
          "checks max lookback must be at least 1m but was " + Durations.format(maxLookback));
    }
    if (labelMaxDelay.isNegative() || labelMaxDelay.isZero()) {
      throw new IllegalArgumentException(
          "label max delay must be positive but was " + Durations.format(labelMaxDelay));
    }
    if (sketchK < 8 || sketchK > 65_535) {
      throw new IllegalArgumentException("sketchK must be in [8, 65535] but was " + sketchK);
    }
    if (valueLimit < 0) {
      throw new IllegalArgumentException("valueLimit must be >= 0 but was " + valueLimit);
    }
    if (maxFeatures < 1) {
      throw new IllegalArgumentException("maxFeatures must be >= 1 but was " + maxFeatures);
    }
    String problem = CheckThresholds.problem(thresholds);
    if (problem != null) {
      throw new IllegalArgumentException("checks thresholds: " + problem);
    }
  }

  /** The defaults: 24 h lookback, 1 h label delay, built-in thresholds. */
  public static ChecksSettings defaults() {
    return new ChecksSettings(
        DEFAULT_MAX_LOOKBACK, DEFAULT_LABEL_MAX_DELAY, "model-monitor", Map.of(), 200, 64, 200);
  }

  public ChecksSettings withMaxLookback(Duration value) {
    return new ChecksSettings(
        value, labelMaxDelay, instanceName, thresholds, sketchK, valueLimit, maxFeatures);
  }

  public ChecksSettings withLabelMaxDelay(Duration value) {
    return new ChecksSettings(
        maxLookback, value, instanceName, thresholds, sketchK, valueLimit, maxFeatures);
  }

  public ChecksSettings withInstanceName(String value) {
    return new ChecksSettings(
        maxLookback, labelMaxDelay, value, thresholds, sketchK, valueLimit, maxFeatures);
  }

  public ChecksSettings withThresholds(Map<String, Double> value) {
    return new ChecksSettings(
        maxLookback, labelMaxDelay, instanceName, value, sketchK, valueLimit, maxFeatures);
  }
}
