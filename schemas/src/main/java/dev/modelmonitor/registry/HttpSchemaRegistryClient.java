package dev.modelmonitor.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A thin client for the Confluent Schema Registry REST API over the JDK's HTTP client. Works
 * with Confluent Schema Registry, Karapace, Apicurio (ccompat API), Redpanda and the local
 * registry of {@code model-monitor local}.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, Schema schema) {}

  public HttpSchemaRegistryClient(String baseUrl) {
    this(baseUrl, Duration.ofSeconds(10));
  }

  public HttpSchemaRegistryClient(String baseUrl, Duration requestTimeout) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("schema registry URL must not be blank");
    }
    URI uri = URI.create(baseUrl.trim());
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "schema registry URL must look like http://host:port but was " + baseUrl);
    }
    this.baseUrl = baseUrl.trim().replaceAll("/+$", "");
    this.requestTimeout = requestTimeout;
    this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
  }

  @Override
  public String url() {
    return baseUrl;
  }

  @Override
  public int register(String subject, Schema schema) {
    return idsBySubjectSchema.computeIfAbsent(
        new SubjectSchema(subject, schema),
        key -> {
          JsonNode response =
              send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
          int id = response.path("id").asInt();
          schemasById.putIfAbsent(id, schema);
          return id;
        });
  }

  @Override
  public int lookupId(String subject, Schema schema) {
    return idsBySubjectSchema.computeIfAbsent(
        new SubjectSchema(subject, schema),
        key -> {
          JsonNode response = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
          int id = response.path("id").asInt();
          schemasById.putIfAbsent(id, schema);
          return id;
        });
  }

  @Override
  public Schema schemaById(int id) {
    return schemasById.computeIfAbsent(
        id, key -> parse(send("GET", "/schemas/ids/" + id, null).path("schema").asText()));
  }

  @Override
  public SubjectVersion latest(String subject) {
    JsonNode response = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
    Schema schema = parse(response.path("schema").asText());
    int id = response.path("id").asInt();
    schemasById.putIfAbsent(id, schema);
    return new SubjectVersion(subject, response.path("version").asInt(), id, schema);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    try {
      JsonNode response =
          send(
              "POST",
              "/compatibility/subjects/" + encode(subject) + "/versions/latest",
              schemaBody(schema));
      return response.path("is_compatible").asBoolean(false);
    } catch (SchemaRegistryException e) {
      // No version yet: anything is compatible with nothing.
      if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
          || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }

  @Override
  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    send("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
    return subjects;
  }

  private static String schemaBody(Schema schema) {
    ObjectNode body = JSON.createObjectNode();
    body.put("schema", schema.toString());
    return body.toString();
  }

  private static Schema parse(String schemaJson) {
    try {
      return new Schema.Parser().parse(schemaJson);
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(200, 0, "registry returned an unparsable schema: " + e);
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(requestTimeout)
            .header("Accept", CONTENT_TYPE + ", application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SchemaRegistryException(
          "schema registry at " + baseUrl + " is unreachable (" + describe(e) + "); is it running "
              + "(model-monitor local starts one) and is --schema-registry (schema-registry.url) "
              + "right?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while calling the schema registry", e);
    }
    JsonNode json = readJson(response.body());
    if (response.statusCode() / 100 != 2) {
      int code = json.path("error_code").asInt(response.statusCode());
      String message = json.path("message").asText(response.body());
      throw new SchemaRegistryException(
          response.statusCode(),
          code,
          method + " " + path + " failed: " + response.statusCode() + " " + message);
    }
    return json;
  }

  private static JsonNode readJson(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
