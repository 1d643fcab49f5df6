package dev.modelmonitor.local.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;

/** Reads the bodies clients send: {@code {"schema": "...", "schemaType": "AVRO"}} and configs. */
final class SchemaRequests {
  private SchemaRequests() {}

  /** The Avro schema of a register / lookup / compatibility request; 42201 when it is not one. */
  static Schema schema(String body) {
    JsonNode request = object(body);
    String type = request.path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw RegistryException.invalidSchema(
          "Unsupported schema type " + type + ": this registry serves AVRO schemas only");
    }
    JsonNode references = request.path("references");
    if (references.isArray() && !references.isEmpty()) {
      throw RegistryException.invalidSchema(
          "Schema references are not supported by this registry; inline the referenced types");
    }
    JsonNode schemaNode = request.get("schema");
    if (schemaNode == null || schemaNode.isNull() || schemaNode.asText().isBlank()) {
      throw RegistryException.invalidSchema("Empty schema: the request has no \"schema\" field");
    }
    if (!schemaNode.isTextual()) {
      throw RegistryException.invalidSchema(
          "Invalid schema: \"schema\" must be a string holding the schema's JSON, but was "
              + schemaNode.getNodeType());
    }
    return parseAvro(schemaNode.asText());
  }

  /** The level of a {@code PUT /config} body {@code {"compatibility": "FULL"}}. */
  static CompatibilityLevel compatibility(String body) {
    JsonNode request = object(body);
    JsonNode level = request.get("compatibility");
    if (level == null) {
      // Some clients send the GET shape back.
      level = request.get("compatibilityLevel");
    }
    return CompatibilityLevel.parse(level == null || level.isNull() ? null : level.asText());
  }

  static Schema parseAvro(String text) {
    try {
      return new Schema.Parser().parse(text);
    } catch (RuntimeException e) {
      // SchemaParseException, AvroTypeException for bad defaults, and Jackson errors all say
      // what is wrong in their message, except an unknown type at the top level.
      String problem = String.valueOf(e.getMessage());
      if (problem.contains("UnresolvedSchema")) {
        problem =
            "undefined type "
                + topLevelType(text)
                + " (expected a primitive type, record, enum, array, map or fixed)";
      }
      throw RegistryException.invalidSchema("Invalid schema: " + problem);
    }
  }

  private static String topLevelType(String text) {
    try {
      JsonNode node = LogRecords.JSON.readTree(text);
      return (node.isObject() ? node.path("type") : node).toString();
    } catch (JsonProcessingException e) {
      return "?";
    }
  }

  private static JsonNode object(String body) {
    JsonNode node;
    try {
      node = LogRecords.JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw RegistryException.badRequest(
          "The request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw RegistryException.badRequest("The request body must be a JSON object");
    }
    return node;
  }
}
