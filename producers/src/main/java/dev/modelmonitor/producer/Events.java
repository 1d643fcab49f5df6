package dev.modelmonitor.producer;

import dev.modelmonitor.producer.internal.EventSanitizer;
import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.LifecycleChange;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ResourceSample;
import dev.modelmonitor.schema.StateEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the Avro events of one model instance from what the app hands in, sanitized, stamped
 * with the model, instance and clock. Runs on the caller's thread, so it stays cheap: no
 * registry, no I/O, no SecureRandom.
 */
final class Events {
  private final String modelId;
  private final String modelVersion;
  private final Instance instance;
  private final Clock clock;
  private final EventSanitizer sanitizer;

  Events(String modelId, String modelVersion, Instance instance, Clock clock, EventSanitizer sanitizer) {
    this.modelId = modelId;
    this.modelVersion = modelVersion;
    this.instance = instance;
    this.clock = clock;
    this.sanitizer = sanitizer;
  }

  /** The event, or null when it must be dropped as invalid (too many features). */
  PredictionEvent prediction(Prediction p) {
    Map<String, Object> features = sanitizer.features(p.features);
    if (features == null) {
      return null;
    }
    Outcome outcome = p.outcome == null ? Outcome.OK : p.outcome;
    return new PredictionEvent(
        modelId,
        modelVersion,
        timestamp(p.timestamp),
        instance,
        requestId(p.requestId),
        features,
        sanitizer.value(p.prediction),
        sanitizer.scores(p.scores),
        p.latencyMicros < 0 ? null : p.latencyMicros,
        outcome,
        sanitizer.text(p.error),
        sanitizer.text(p.errorMessage));
  }

  /** The event, or null when the request id is blank. */
  LabelEvent label(String requestId, Object actual) {
    if (requestId == null || requestId.isBlank()) {
      return null;
    }
    return new LabelEvent(
        modelId, modelVersion, now(), instance, sanitizer.text(requestId), sanitizer.value(actual));
  }

  StateEvent lifecycle(LifecycleState state, String reason) {
    return state(new LifecycleChange(state, sanitizer.text(reason)));
  }

  StateEvent heartbeat(long sequence, long uptimeMillis, long intervalMillis) {
    return state(new Heartbeat(sequence, uptimeMillis, intervalMillis));
  }

  StateEvent resources(ResourceSample sample) {
    return state(sample);
  }

  private StateEvent state(Object event) {
    return new StateEvent(modelId, modelVersion, now(), instance, event);
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  private Instant timestamp(Instant given) {
    return given != null ? given : now();
  }

  private String requestId(String given) {
    return given == null || given.isBlank() ? randomId() : sanitizer.text(given);
  }

  /** A version-4 UUID from ThreadLocalRandom: unique enough for request ids, and fast. */
  static String randomId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
