package dev.modelmonitor.reports;

import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import java.nio.charset.StandardCharsets;

/**
 * The fields of a {@code PredictionEvent} that reports use, with the features as {@link
 * FeatureValues} instead of a hash map, and the event's wire bytes (a late event is
 * dead-lettered as it came). Read by {@link PredictionDecoder}.
 */
final class PredictionFields {
  private final String modelId;
  private final String modelVersion;
  private final Outcome outcome;
  private final String error;
  private final Long latencyMicros;
  private final Object prediction;
  private final FeatureValues features;
  private final byte[] bytes;
  // The requestId is only needed to join labels: made into a String when asked for.
  private final int requestIdOffset;
  private final int requestIdLength;
  private String requestId;

  PredictionFields(String modelId, String modelVersion, Outcome outcome, String error,
      Long latencyMicros, Object prediction, FeatureValues features, byte[] bytes,
      int requestIdOffset, int requestIdLength) {
    this.modelId = modelId;
    this.modelVersion = modelVersion;
    this.outcome = outcome;
    this.error = error;
    this.latencyMicros = latencyMicros;
    this.prediction = prediction;
    this.features = features;
    this.bytes = bytes;
    this.requestIdOffset = requestIdOffset;
    this.requestIdLength = requestIdLength;
  }

  /** The fields of an event read by the generic Avro reader; {@code bytes} as it came. */
  static PredictionFields of(PredictionEvent event, byte[] bytes) {
    PredictionFields fields = new PredictionFields(event.getModelId(), event.getModelVersion(),
        event.getOutcome(), event.getError(), event.getLatencyMicros(), event.getPrediction(),
        FeatureValues.of(event.getFeatures()), bytes, 0, 0);
    fields.requestId = event.getRequestId();
    return fields;
  }

  String modelId() {
    return modelId;
  }

  String modelVersion() {
    return modelVersion;
  }

  String requestId() {
    if (requestId == null) {
      requestId = new String(bytes, requestIdOffset, requestIdLength, StandardCharsets.UTF_8);
    }
    return requestId;
  }

  Outcome outcome() {
    return outcome;
  }

  String error() {
    return error;
  }

  Long latencyMicros() {
    return latencyMicros;
  }

  Object prediction() {
    return prediction;
  }

  FeatureValues features() {
    return features;
  }

  /** The event's wire-format bytes, as read from the topic. */
  byte[] bytes() {
    return bytes;
  }
}
