package dev.modelmonitor.local.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API (the subset Avro serdes and tools use) over a {@link
 * SchemaStore}: routes, response shapes, and errors as {@code {"error_code", "message"}}.
 */
final class RegistryApi {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Logger log = LoggerFactory.getLogger(RegistryApi.class);

  private final SchemaStore store;

  RegistryApi(SchemaStore store) {
    this.store = store;
  }

  void addTo(Javalin app) {
    app.get("/", ctx -> json(ctx, LogRecords.JSON.createObjectNode()));
    app.get("/schemas/types", ctx -> json(ctx, List.of("AVRO")));
    app.get("/schemas/ids/{id}", this::schemaById);
    app.get("/schemas/ids/{id}/schema", ctx -> raw(ctx, store.schemaById(id(ctx))));
    app.get("/schemas/ids/{id}/versions", this::versionsOfId);
    app.get("/subjects", ctx -> json(ctx, store.subjects(flag(ctx, "deleted"))));
    app.get("/subjects/{subject}/versions", ctx -> json(ctx, store.versions(subject(ctx))));
    app.post("/subjects/{subject}/versions", this::register);
    app.post("/subjects/{subject}", this::lookup);
    app.get("/subjects/{subject}/versions/{version}", this::version);
    app.get(
        "/subjects/{subject}/versions/{version}/schema",
        ctx -> raw(ctx, store.version(subject(ctx), ctx.pathParam("version")).schema()));
    app.delete(
        "/subjects/{subject}",
        ctx -> json(ctx, store.deleteSubject(subject(ctx), flag(ctx, "permanent"))));
    app.post(
        "/compatibility/subjects/{subject}/versions/{version}",
        ctx -> compatibility(ctx, ctx.pathParam("version")));
    app.post("/compatibility/subjects/{subject}/versions", ctx -> compatibility(ctx, null));
    app.get("/config", ctx -> level(ctx, store.globalLevel()));
    app.put("/config", ctx -> setLevel(ctx, null));
    app.get(
        "/config/{subject}",
        ctx -> level(ctx, store.subjectLevel(subject(ctx), flag(ctx, "defaultToGlobal"))));
    app.put("/config/{subject}", ctx -> setLevel(ctx, subject(ctx)));

    app.exception(
        RegistryException.class, (e, ctx) -> error(ctx, e.status(), e.errorCode(), e.getMessage()));
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> error(ctx, e.getStatus(), e.getStatus(), e.getMessage()));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("schema registry request {} {} failed", ctx.method(), ctx.path(), e);
          error(ctx, 500, 50001, "Internal error: " + e);
        });
  }

  private void register(Context ctx) {
    Schema schema = SchemaRequests.schema(ctx.body());
    ObjectNode response = LogRecords.JSON.createObjectNode();
    response.put("id", store.register(subject(ctx), schema));
    json(ctx, response);
  }

  private void lookup(Context ctx) {
    Schema schema = SchemaRequests.schema(ctx.body());
    json(ctx, versionJson(store.lookup(subject(ctx), schema)));
  }

  private void version(Context ctx) {
    json(ctx, versionJson(store.version(subject(ctx), ctx.pathParam("version"))));
  }

  private void schemaById(Context ctx) {
    ObjectNode response = LogRecords.JSON.createObjectNode();
    // Confluent leaves schemaType out for AVRO, and this registry serves nothing else.
    response.put("schema", store.schemaById(id(ctx)));
    json(ctx, response);
  }

  private void versionsOfId(Context ctx) {
    ArrayNode response = LogRecords.JSON.createArrayNode();
    for (SchemaStore.Version version : store.versionsOfId(id(ctx))) {
      response.addObject().put("subject", version.subject()).put("version", version.version());
    }
    json(ctx, response);
  }

  private void compatibility(Context ctx, String version) {
    Schema schema = SchemaRequests.schema(ctx.body());
    List<String> problems = store.compatibilityProblems(subject(ctx), version, schema);
    ObjectNode response = LogRecords.JSON.createObjectNode();
    response.put("is_compatible", problems.isEmpty());
    if (flag(ctx, "verbose")) {
      ArrayNode messages = response.putArray("messages");
      problems.forEach(messages::add);
    }
    json(ctx, response);
  }

  private void level(Context ctx, CompatibilityLevel level) {
    ObjectNode response = LogRecords.JSON.createObjectNode();
    response.put("compatibilityLevel", level.name());
    json(ctx, response);
  }

  private void setLevel(Context ctx, String subject) {
    CompatibilityLevel level = SchemaRequests.compatibility(ctx.body());
    store.setLevel(subject, level);
    ObjectNode response = LogRecords.JSON.createObjectNode();
    response.put("compatibility", level.name());
    json(ctx, response);
  }

  private static ObjectNode versionJson(SchemaStore.SchemaVersion version) {
    ObjectNode node = LogRecords.JSON.createObjectNode();
    node.put("subject", version.subject());
    node.put("version", version.version());
    node.put("id", version.id());
    node.put("schema", version.schema());
    return node;
  }

  private static String subject(Context ctx) {
    return ctx.pathParam("subject");
  }

  private static int id(Context ctx) {
    String text = ctx.pathParam("id");
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw RegistryException.schemaIdNotFound(text);
    }
  }

  private static boolean flag(Context ctx, String name) {
    return Boolean.parseBoolean(ctx.queryParam(name));
  }

  private static void json(Context ctx, Object body) {
    try {
      ctx.contentType(CONTENT_TYPE).result(LogRecords.JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unserializable response", e);
    }
  }

  /** A schema as the body itself ({@code …/schema} endpoints), which is already JSON. */
  private static void raw(Context ctx, String schemaJson) {
    ctx.contentType(CONTENT_TYPE).result(schemaJson);
  }

  private static void error(Context ctx, int status, int errorCode, String message) {
    ObjectNode body = LogRecords.JSON.createObjectNode();
    body.put("error_code", errorCode);
    body.put("message", message);
    ctx.status(status);
    json(ctx, body);
  }
}
