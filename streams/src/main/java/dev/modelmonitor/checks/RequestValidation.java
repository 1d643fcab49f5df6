package dev.modelmonitor.checks;

import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.streams.Durations;
import java.time.Duration;

/** What makes a decoded check request unanswerable, in words a caller can act on. */
final class RequestValidation {
  private RequestValidation() {}

  /** The problem with {@code request} under {@code key}; {@code null} when it can be answered. */
  static String problem(String key, CheckRequest request, ChecksSettings settings) {
    if (request.getRequestId().isBlank()) {
      return "requestId is blank; give each request a unique id (the result is keyed by it)";
    }
    String model = request.getModelId();
    if (model.isBlank()) {
      return "modelId is blank; name the model to check";
    }
    if (model.indexOf('\u0000') >= 0) {
      return "modelId contains a NUL character";
    }
    if (!model.equals(key)) {
      return "the request is keyed " + (key == null ? "null" : "'" + key + "'")
          + " but asks about model '" + model + "'; key requests by modelId so they reach the "
          + "partition that holds the model's state";
    }
    long lookback = request.getLookbackSeconds();
    if (lookback <= 0) {
      return "lookbackSeconds must be > 0 but was " + lookback;
    }
    if (lookback > settings.maxLookback().toSeconds()) {
      return "lookback " + Durations.format(Duration.ofSeconds(lookback))
          + " exceeds the longest kept, checks.max-lookback "
          + Durations.format(settings.maxLookback());
    }
    return CheckThresholds.problem(request.getThresholds());
  }
}
