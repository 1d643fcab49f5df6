package dev.modelmonitor.producer.ingest;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads one JSON event of an ingest request into its Avro record. Field names are the Avro
 * field names; a state event is flat with a {@code type} of {@code lifecycle}, {@code heartbeat}
 * or {@code resources} and that record's fields. A record the schema cannot hold is rejected
 * with a reason naming the field; unknown fields are rejected too, so a typo does not lose data
 * silently. Strings over the limit are cut (counted), as in the SDK.
 */
final class JsonEvents {
  /** Why a record cannot be written; the message is the reason returned to the client. */
  static final class Rejected extends Exception {
    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final Set<String> COMMON = Set.of("modelId", "modelVersion", "timestamp", "instance");
  private static final Set<String> PREDICTION_FIELDS =
      with(COMMON, "requestId", "features", "prediction", "scores", "latencyMicros", "outcome", "error",
          "errorMessage");
  private static final Set<String> LABEL_FIELDS = with(COMMON, "requestId", "actual");
  private static final Set<String> LIFECYCLE_FIELDS = with(COMMON, "type", "state", "reason");
  private static final Set<String> HEARTBEAT_FIELDS =
      with(COMMON, "type", "sequence", "uptimeMillis", "intervalMillis");
  private static final Set<String> RESOURCE_FIELDS =
      with(COMMON, "type", "cgroupVersion", "cpuCoresUsed", "cpuCoresLimit", "memoryBytesUsed",
          "memoryBytesLimit", "restarts");
  private static final Set<String> INSTANCE_FIELDS =
      Set.of("id", "hostname", "containerId", "pod", "namespace", "node", "image");

  private final EventSanitizer sanitizer;
  private final Clock clock;

  JsonEvents(EventSanitizer sanitizer, Clock clock) {
    this.sanitizer = sanitizer;
    this.clock = clock;
  }

  SpecificRecord decode(IngestKind kind, JsonNode node) throws Rejected {
    if (!node.isObject()) {
      throw new Rejected("an event must be a JSON object but was " + node.getNodeType().name().toLowerCase());
    }
    return switch (kind) {
      case PREDICTIONS -> prediction(node);
      case LABELS -> label(node);
      case STATE -> state(node);
    };
  }

  PredictionEvent prediction(JsonNode node) throws Rejected {
    onlyFields(node, PREDICTION_FIELDS);
    Map<String, Object> features = features(node.get("features"));
    String requestId = optionalString(node, "requestId");
    return new PredictionEvent(
        modelId(node),
        optionalString(node, "modelVersion"),
        timestamp(node),
        instance(node.get("instance")),
        requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId,
        features,
        scalar(node.get("prediction"), "prediction"),
        scores(node.get("scores")),
        optionalLong(node, "latencyMicros", 0),
        outcome(node),
        optionalString(node, "error"),
        optionalString(node, "errorMessage"));
  }

  LabelEvent label(JsonNode node) throws Rejected {
    onlyFields(node, LABEL_FIELDS);
    String requestId = optionalString(node, "requestId");
    if (requestId == null || requestId.isBlank()) {
      throw new Rejected("requestId is required");
    }
    return new LabelEvent(
        modelId(node),
        optionalString(node, "modelVersion"),
        timestamp(node),
        instance(node.get("instance")),
        requestId,
        scalar(node.get("actual"), "actual"));
  }

  StateEvent state(JsonNode node) throws Rejected {
    String type = optionalString(node, "type");
    Object event;
    if ("lifecycle".equals(type)) {
      onlyFields(node, LIFECYCLE_FIELDS);
      event = new LifecycleChange(lifecycleState(node), optionalString(node, "reason"));
    } else if ("heartbeat".equals(type)) {
      onlyFields(node, HEARTBEAT_FIELDS);
      event =
          new Heartbeat(
              orZero(optionalLong(node, "sequence", 0)),
              orZero(optionalLong(node, "uptimeMillis", 0)),
              orZero(optionalLong(node, "intervalMillis", 0)));
    } else if ("resources".equals(type)) {
      onlyFields(node, RESOURCE_FIELDS);
      String version = optionalString(node, "cgroupVersion");
      Long restarts = optionalLong(node, "restarts", 0);
      if (restarts != null && restarts > Integer.MAX_VALUE) {
        throw new Rejected("restarts must be an int but was " + restarts);
      }
      event =
          new ResourceSample(
              version == null ? "unknown" : version,
              optionalDouble(node, "cpuCoresUsed"),
              optionalDouble(node, "cpuCoresLimit"),
              optionalLong(node, "memoryBytesUsed", 0),
              optionalLong(node, "memoryBytesLimit", 0),
              restarts == null ? null : restarts.intValue());
    } else {
      throw new Rejected(
          "type must be lifecycle, heartbeat or resources but was " + (type == null ? "missing" : "'" + type + "'"));
    }
    return new StateEvent(
        modelId(node), optionalString(node, "modelVersion"), timestamp(node), instance(node.get("instance")), event);
  }

  private String modelId(JsonNode node) throws Rejected {
    String id = optionalString(node, "modelId");
    if (id == null || id.isBlank()) {
      throw new Rejected("modelId is required");
    }
    return id;
  }

  private Instant timestamp(JsonNode node) throws Rejected {
    JsonNode value = node.get("timestamp");
    if (value == null || value.isNull()) {
      return Instant.ofEpochMilli(clock.millis());
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return Instant.ofEpochMilli(value.longValue());
    }
    if (value.isTextual()) {
      String text = value.textValue().trim();
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return Instant.parse(text);
        } catch (DateTimeParseException again) {
          throw new Rejected("timestamp must be epoch millis or ISO-8601 such as 2025-01-31T12:00:00Z but was '"
              + text + "'");
        }
      }
    }
    throw new Rejected("timestamp must be epoch millis or an ISO-8601 string but was " + value);
  }

  private Instance instance(JsonNode node) throws Rejected {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new Rejected("instance must be an object with at least an id");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!INSTANCE_FIELDS.contains(name)) {
        throw new Rejected("unknown field 'instance." + name + "'; known: " + sorted(INSTANCE_FIELDS));
      }
    }
    String id = optionalString(node, "id");
    if (id == null || id.isBlank()) {
      throw new Rejected("instance.id is required when instance is given");
    }
    return new Instance(
        id,
        optionalString(node, "hostname"),
        optionalString(node, "containerId"),
        optionalString(node, "pod"),
        optionalString(node, "namespace"),
        optionalString(node, "node"),
        optionalString(node, "image"));
  }

  private Map<String, Object> features(JsonNode node) throws Rejected {
    if (node == null || node.isNull()) {
      return new HashMap<>();
    }
    if (!node.isObject()) {
      throw new Rejected("features must be an object of name to value");
    }
    if (node.size() > sanitizer.maxFeatures()) {
      throw new Rejected("too many features: " + node.size() + " > " + sanitizer.maxFeatures());
    }
    Map<String, Object> raw = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().isBlank()) {
        throw new Rejected("features: a feature name is blank");
      }
      raw.put(e.getKey(), scalar(e.getValue(), "features." + e.getKey()));
    }
    return sanitizer.features(raw);
  }

  private Map<String, Double> scores(JsonNode node) throws Rejected {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new Rejected("scores must be an object of class label to number");
    }
    Map<String, Double> scores = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isNumber()) {
        throw new Rejected("scores." + e.getKey() + " must be a number but was " + e.getValue());
      }
      scores.put(sanitizer.text(e.getKey()), e.getValue().doubleValue());
    }
    return scores;
  }

  /** A JSON scalar as the schema's {@code null | boolean | long | double | string}. */
  private Object scalar(JsonNode value, String where) throws Rejected {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToLong() ? (Object) value.longValue() : (Object) value.doubleValue();
    }
    if (value.isNumber()) {
      return sanitizer.value(value.doubleValue());
    }
    if (value.isTextual()) {
      return sanitizer.text(value.textValue());
    }
    throw new Rejected(where + " must be null, a boolean, a number or a string but was an "
        + value.getNodeType().name().toLowerCase());
  }

  private Outcome outcome(JsonNode node) throws Rejected {
    String text = optionalString(node, "outcome");
    if (text == null) {
      return Outcome.OK;
    }
    try {
      return Outcome.valueOf(text.trim().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new Rejected("outcome must be one of " + Arrays.toString(Outcome.values()) + " but was '" + text + "'");
    }
  }

  private LifecycleState lifecycleState(JsonNode node) throws Rejected {
    String text = optionalString(node, "state");
    if (text == null) {
      throw new Rejected("state is required for a lifecycle event");
    }
    try {
      return LifecycleState.valueOf(text.trim().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new Rejected(
          "state must be one of " + Arrays.toString(LifecycleState.values()) + " but was '" + text + "'");
    }
  }

  private String optionalString(JsonNode node, String field) throws Rejected {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new Rejected(field + " must be a string but was " + value);
    }
    return sanitizer.text(value.textValue());
  }

  private static Long optionalLong(JsonNode node, String field, long min) throws Rejected {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min) {
      throw new Rejected(field + " must be a whole number of at least " + min + " but was " + value);
    }
    return value.longValue();
  }

  private static Double optionalDouble(JsonNode node, String field) throws Rejected {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new Rejected(field + " must be a number but was " + value);
    }
    return value.doubleValue();
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static void onlyFields(JsonNode node, Set<String> known) throws Rejected {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new Rejected("unknown field '" + name + "'; known: " + sorted(known));
      }
    }
  }

  private static String sorted(Set<String> names) {
    return names.stream().sorted().collect(Collectors.joining(", "));
  }

  private static Set<String> with(Set<String> base, String... more) {
    Set<String> all = new java.util.HashSet<>(base);
    all.addAll(Arrays.asList(more));
    return Set.copyOf(all);
  }
}
