package dev.modelmonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** JSON bodies of the read APIs: a document, or {@code {"error": "..."}} with a status. */
final class JsonAnswer {
  static final ObjectMapper JSON = new ObjectMapper();

  private JsonAnswer() {}

  static void json(Context ctx, int status, JsonNode body) {
    try {
      ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void error(Context ctx, int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", message);
    json(ctx, status, body);
  }
}
