package dev.modelmonitor.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.CheckType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON form of check requests and results, shared by {@code model-monitor check --json} and
 * {@code POST /api/checks}: the Avro fields under the same names, timestamps as ISO-8601 text.
 */
public final class CheckJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REQUEST_FIELDS = Set.of("requestId", "modelId", "checks",
      "lookbackSeconds", "requestedBy", "requestedAt", "thresholds");

  private CheckJson() {}

  public static ObjectMapper mapper() {
    return JSON;
  }

  public static ObjectNode toJson(CheckResult result) {
    ObjectNode node = JSON.createObjectNode();
    node.put("requestId", result.getRequestId());
    node.put("modelId", result.getModelId());
    node.put("status", result.getStatus().name());
    node.put("message", result.getMessage());
    node.put("windowStart", text(result.getWindowStart()));
    node.put("windowEnd", text(result.getWindowEnd()));
    node.put("answeredAt", text(result.getAnsweredAt()));
    node.put("answeredBy", result.getAnsweredBy());
    ArrayNode findings = node.putArray("findings");
    for (CheckFinding f : result.getFindings()) {
      ObjectNode finding = findings.addObject();
      finding.put("check", f.getCheck().name());
      finding.put("status", f.getStatus().name());
      finding.put("metric", f.getMetric());
      finding.put("value", f.getValue());
      finding.put("threshold", f.getThreshold());
      finding.put("message", f.getMessage());
    }
    return node;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /**
   * A request from its JSON form. {@code modelId} is required; {@code requestId} defaults to a
   * new UUID, {@code checks} to all, {@code lookbackSeconds} to 900, {@code requestedAt} to now.
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public static CheckRequest request(JsonNode json, Instant now) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object with at least modelId");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!REQUEST_FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown field '" + name + "'; a check request has "
            + "requestId, modelId, checks, lookbackSeconds, requestedBy, requestedAt, thresholds");
      }
    }
    String model = text(json, "modelId");
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("modelId is required");
    }
    CheckRequest.Builder request = CheckRequest.newBuilder()
        .setRequestId(json.hasNonNull("requestId") ? text(json, "requestId") : newRequestId())
        .setModelId(model)
        .setRequestedBy(text(json, "requestedBy"))
        .setRequestedAt(now);
    if (json.hasNonNull("checks")) {
      JsonNode checks = json.get("checks");
      if (!checks.isArray()) {
        throw new IllegalArgumentException("checks must be an array such as [\"HEALTH\", "
            + "\"DRIFT\"]");
      }
      List<String> names = new ArrayList<>();
      checks.forEach(c -> names.add(c.asText()));
      request.setChecks(checkTypes(names));
    }
    if (json.hasNonNull("lookbackSeconds")) {
      JsonNode lookback = json.get("lookbackSeconds");
      if (!lookback.canConvertToLong() || !lookback.isIntegralNumber()) {
        throw new IllegalArgumentException("lookbackSeconds must be a whole number of seconds "
            + "but was " + lookback);
      }
      request.setLookbackSeconds(lookback.asLong());
    }
    if (json.hasNonNull("requestedAt")) {
      try {
        request.setRequestedAt(Instant.parse(text(json, "requestedAt")));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("requestedAt must be an ISO-8601 instant but was "
            + json.get("requestedAt"));
      }
    }
    if (json.hasNonNull("thresholds")) {
      JsonNode thresholds = json.get("thresholds");
      if (!thresholds.isObject()) {
        throw new IllegalArgumentException("thresholds must be an object of numbers such as "
            + "{\"error_rate\": 0.01}");
      }
      Map<String, Double> values = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = thresholds.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNumber()) {
          throw new IllegalArgumentException("threshold '" + e.getKey() + "' must be a number "
              + "but was " + e.getValue());
        }
        values.put(e.getKey(), e.getValue().asDouble());
      }
      request.setThresholds(values);
    }
    return request.build();
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /**
   * Check types from their names in any case ({@code drift}, {@code DATA_QUALITY}, {@code
   * data-quality}).
   *
   * @throws IllegalArgumentException naming an unknown one and listing the known
   */
  public static List<CheckType> checkTypes(List<String> names) {
    List<CheckType> types = new ArrayList<>();
    for (String name : names) {
      String normalized = name.trim().toUpperCase().replace('-', '_');
      try {
        types.add(CheckType.valueOf(normalized));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown check '" + name + "'; use "
            + String.join(", ", java.util.Arrays.stream(CheckType.values())
                .map(t -> t.name().toLowerCase()).toList()));
      }
    }
    return types;
  }

  public static String newRequestId() {
    return UUID.randomUUID().toString();
  }
}
