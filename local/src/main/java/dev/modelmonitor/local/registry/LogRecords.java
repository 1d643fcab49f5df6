package dev.modelmonitor.local.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keys and values of the {@code _schemas} topic in Confluent Schema Registry's format, so the topic
 * reads the same to either: {@code {"keytype":"SCHEMA","subject":…,"version":…,"magic":1}} → {@code
 * {"subject","version","id","schema","deleted"}} and {@code
 * {"keytype":"CONFIG","subject":…,"magic":0}} → {@code {"compatibilityLevel":…}}.
 */
final class LogRecords {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SCHEMA = "SCHEMA";
  static final String CONFIG = "CONFIG";

  private LogRecords() {}

  static String schemaKey(String subject, int version) {
    ObjectNode key = JSON.createObjectNode();
    key.put("keytype", SCHEMA);
    key.put("subject", subject);
    key.put("version", version);
    key.put("magic", 1);
    return key.toString();
  }

  static String schemaValue(String subject, int version, int id, String schema, boolean deleted) {
    ObjectNode value = JSON.createObjectNode();
    value.put("subject", subject);
    value.put("version", version);
    value.put("id", id);
    value.put("schema", schema);
    value.put("deleted", deleted);
    return value.toString();
  }

  /** The key of the global configuration when {@code subject} is null. */
  static String configKey(String subject) {
    ObjectNode key = JSON.createObjectNode();
    key.put("keytype", CONFIG);
    if (subject == null) {
      key.putNull("subject");
    } else {
      key.put("subject", subject);
    }
    key.put("magic", 0);
    return key.toString();
  }

  static String configValue(CompatibilityLevel level) {
    ObjectNode value = JSON.createObjectNode();
    value.put("compatibilityLevel", level.name());
    return value.toString();
  }

  /** Parses a key or value; null stays null, garbage becomes an empty object (ignored). */
  static JsonNode parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }
}
