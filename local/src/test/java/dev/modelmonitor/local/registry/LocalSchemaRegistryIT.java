package dev.modelmonitor.local.registry;

import static dev.modelmonitor.local.registry.RegistryHttp.schemaBody;
import static dev.modelmonitor.local.registry.Schemas.SENSOR;
import static dev.modelmonitor.local.registry.Schemas.UNIT;
import static dev.modelmonitor.local.registry.Schemas.VALUE_WITH_DEFAULT;
import static dev.modelmonitor.local.registry.Schemas.parse;
import static dev.modelmonitor.local.registry.Schemas.reading;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.local.registry.RegistryHttp.Response;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry over real HTTP, storing in a real broker. Each test has a registry of its own on a
 * topic of its own, so ids start at 1 and configuration changes stay within the test.
 */
@ExtendWith(LocalClusterExtension.class)
class LocalSchemaRegistryIT {
  private static final String SUBJECT = "readings-value";

  private TestCluster cluster;
  private String topic;
  private LocalSchemaRegistry registry;
  private RegistryHttp http;

  @BeforeEach
  void startRegistry(TestCluster cluster) {
    this.cluster = cluster;
    this.topic = cluster.uniqueName("_schemas");
    this.registry = startRegistryOn(topic, Duration.ofSeconds(15));
    this.http = new RegistryHttp(registry.url());
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  private LocalSchemaRegistry startRegistryOn(String topic, Duration timeout) {
    LocalSchemaRegistry started =
        LocalSchemaRegistry.builder(cluster.bootstrapServers())
            .topic(topic)
            .timeout(timeout)
            .build();
    started.start();
    return started;
  }

  private static String canonical(String schemaJson) {
    return parse(schemaJson).toString();
  }

  private Response register(String subject, String schemaJson) {
    return http.post("/subjects/" + subject + "/versions", schemaBody(schemaJson));
  }

  private static void assertError(Response response, int status, int errorCode) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.body().path("error_code").asInt()).isEqualTo(errorCode);
    assertThat(response.body().path("message").asText()).isNotBlank();
    assertThat(response.contentType()).startsWith(RegistryApi.CONTENT_TYPE);
  }

  @Test
  void registersASchemaAndServesItBySubjectVersionAndId() {
    Response registered = register(SUBJECT, reading(SENSOR));
    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
    assertThat(registered.body().toString()).isEqualTo("{\"id\":1}");

    assertThat(http.get("/schemas/ids/1").body())
        .isEqualTo(RegistryHttp.JSON.createObjectNode().put("schema", canonical(reading(SENSOR))));
    assertThat(http.get("/schemas/ids/1/schema").body())
        .isEqualTo(readTree(canonical(reading(SENSOR))));
    assertThat(http.get("/subjects").body().toString()).isEqualTo("[\"readings-value\"]");
    assertThat(http.get("/subjects/" + SUBJECT + "/versions").body().toString()).isEqualTo("[1]");

    JsonNode latest = http.get("/subjects/" + SUBJECT + "/versions/latest").body();
    assertThat(latest.path("subject").asText()).isEqualTo(SUBJECT);
    assertThat(latest.path("version").asInt()).isEqualTo(1);
    assertThat(latest.path("id").asInt()).isEqualTo(1);
    assertThat(latest.path("schema").asText()).isEqualTo(canonical(reading(SENSOR)));
    assertThat(latest.has("schemaType")).isFalse();
    assertThat(http.get("/subjects/" + SUBJECT + "/versions/1").body()).isEqualTo(latest);
    assertThat(http.get("/subjects/" + SUBJECT + "/versions/1/schema").body())
        .isEqualTo(readTree(canonical(reading(SENSOR))));
    assertThat(http.get("/schemas/ids/1/versions").body().toString())
        .isEqualTo("[{\"subject\":\"readings-value\",\"version\":1}]");
  }

  @Test
  void registeringTheSameSchemaTwiceReturnsTheSameIdAndOneVersion() {
    assertThat(register(SUBJECT, reading(SENSOR)).body().path("id").asInt()).isEqualTo(1);
    assertThat(register(SUBJECT, reading(SENSOR)).body().path("id").asInt()).isEqualTo(1);
    assertThat(http.get("/subjects/" + SUBJECT + "/versions").body().toString()).isEqualTo("[1]");
  }

  @Test
  void theSameSchemaUnderTwoSubjectsSharesItsId() {
    assertThat(register("a-value", reading(SENSOR)).body().path("id").asInt()).isEqualTo(1);
    assertThat(register("b-value", reading(SENSOR)).body().path("id").asInt()).isEqualTo(1);
    assertThat(register("b-value", reading(SENSOR, VALUE_WITH_DEFAULT)).body().path("id").asInt())
        .isEqualTo(2);
    assertThat(http.get("/subjects").body().toString()).isEqualTo("[\"a-value\",\"b-value\"]");
  }

  @Test
  void anIncompatibleSchemaIsRefusedWith409AndNothingIsStored() {
    register(SUBJECT, reading(SENSOR));
    Response refused = register(SUBJECT, reading(SENSOR, UNIT));
    assertError(refused, 409, 409);
    assertThat(refused.body().path("message").asText())
        .startsWith(
            "Schema being registered is incompatible with an earlier schema for subject"
                + " \"readings-value\"")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(http.get("/subjects/" + SUBJECT + "/versions").body().toString()).isEqualTo("[1]");
    assertError(http.get("/schemas/ids/2"), 404, 40403);

    // A restarted registry reading the topic agrees: the refused schema was never written.
    registry.close();
    registry = startRegistryOn(topic, Duration.ofSeconds(15));
    assertThat(
            new RegistryHttp(registry.url())
                .get("/subjects/" + SUBJECT + "/versions")
                .body()
                .toString())
        .isEqualTo("[1]");
  }

  @Test
  void anInvalidSchemaIsRefusedWith42201NamingTheProblem() {
    Response refused =
        register(
            SUBJECT,
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"Foo\"}]}");
    assertError(refused, 422, 42201);
    assertThat(refused.body().path("message").asText())
        .isEqualTo("Invalid schema: Undefined schema: Foo");
    assertError(
        http.post("/subjects/" + SUBJECT + "/versions", "{\"schema\":\"{not json\"}"), 422, 42201);
    assertError(http.post("/subjects/" + SUBJECT + "/versions", "not json at all"), 400, 400);
    assertError(http.get("/subjects/" + SUBJECT + "/versions"), 404, 40401);
  }

  @Test
  void unknownSubjectVersionAndIdGetConfluentsErrorCodes() {
    register(SUBJECT, reading(SENSOR));
    assertError(http.get("/subjects/nope-value/versions"), 404, 40401);
    assertError(http.get("/subjects/nope-value/versions/latest"), 404, 40401);
    assertError(http.get("/subjects/" + SUBJECT + "/versions/2"), 404, 40402);
    assertError(http.get("/subjects/" + SUBJECT + "/versions/zero"), 422, 42202);
    assertError(http.get("/schemas/ids/42"), 404, 40403);
    assertThat(http.get("/schemas/ids/42").body().path("message").asText())
        .isEqualTo("Schema 42 not found");
    assertError(http.get("/no/such/endpoint"), 404, 404);
  }

  @Test
  void looksUpASchemaUnderASubject() {
    register(SUBJECT, reading(SENSOR));
    register(SUBJECT, reading(SENSOR, VALUE_WITH_DEFAULT));
    JsonNode found =
        http.post("/subjects/" + SUBJECT, schemaBody(reading(SENSOR, VALUE_WITH_DEFAULT))).body();
    assertThat(found.path("subject").asText()).isEqualTo(SUBJECT);
    assertThat(found.path("version").asInt()).isEqualTo(2);
    assertThat(found.path("id").asInt()).isEqualTo(2);
    assertError(http.post("/subjects/" + SUBJECT, schemaBody(reading(UNIT))), 404, 40403);
    assertError(http.post("/subjects/nope-value", schemaBody(reading(UNIT))), 404, 40401);
  }

  @Test
  void testsCompatibilityWithoutRegistering() {
    register(SUBJECT, reading(SENSOR));
    String path = "/compatibility/subjects/" + SUBJECT + "/versions/latest";
    assertThat(http.post(path, schemaBody(reading(SENSOR, VALUE_WITH_DEFAULT))).body().toString())
        .isEqualTo("{\"is_compatible\":true}");
    assertThat(http.post(path, schemaBody(reading(SENSOR, UNIT))).body().toString())
        .isEqualTo("{\"is_compatible\":false}");
    JsonNode verbose = http.post(path + "?verbose=true", schemaBody(reading(SENSOR, UNIT))).body();
    assertThat(verbose.path("is_compatible").asBoolean()).isFalse();
    assertThat(verbose.path("messages").get(0).asText())
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(
            http.post(
                    "/compatibility/subjects/" + SUBJECT + "/versions/1",
                    schemaBody(reading(SENSOR, UNIT)))
                .body()
                .path("is_compatible")
                .asBoolean())
        .isFalse();
    assertThat(
            http.post("/compatibility/subjects/new-value/versions", schemaBody(reading(UNIT)))
                .body()
                .toString())
        .isEqualTo("{\"is_compatible\":true}");
    assertError(
        http.post("/compatibility/subjects/new-value/versions/latest", schemaBody(reading(UNIT))),
        404,
        40401);
    assertThat(http.get("/subjects/" + SUBJECT + "/versions").body().toString()).isEqualTo("[1]");
  }

  @Test
  void readsAndChangesTheGlobalAndSubjectCompatibilityLevels() {
    assertThat(http.get("/config").body().toString())
        .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    assertThat(http.put("/config", "{\"compatibility\":\"full\"}").body().toString())
        .isEqualTo("{\"compatibility\":\"FULL\"}");
    assertThat(http.get("/config").body().toString())
        .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");

    assertError(http.get("/config/" + SUBJECT), 404, 40408);
    assertThat(http.get("/config/" + SUBJECT + "?defaultToGlobal=true").body().toString())
        .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(http.put("/config/" + SUBJECT, "{\"compatibility\":\"NONE\"}").body().toString())
        .isEqualTo("{\"compatibility\":\"NONE\"}");
    assertThat(http.get("/config/" + SUBJECT).body().toString())
        .isEqualTo("{\"compatibilityLevel\":\"NONE\"}");

    register(SUBJECT, reading(SENSOR));
    assertThat(register(SUBJECT, reading(UNIT)).status()).isEqualTo(200);
    assertError(http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
    assertThat(http.get("/config").body().toString())
        .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
  }

  @Test
  void idsVersionsAndConfigSurviveARegistryRestart() {
    register("a-value", reading(SENSOR));
    register("a-value", reading(SENSOR, VALUE_WITH_DEFAULT));
    register("b-value", reading(UNIT));
    http.put("/config/b-value", "{\"compatibility\":\"FORWARD\"}");
    int port = registry.port();
    registry.close();

    registry =
        LocalSchemaRegistry.builder(cluster.bootstrapServers()).topic(topic).port(port).build();
    registry.start();
    RegistryHttp restarted = new RegistryHttp(registry.url());
    assertThat(restarted.get("/schemas/ids/2").body().path("schema").asText())
        .isEqualTo(canonical(reading(SENSOR, VALUE_WITH_DEFAULT)));
    assertThat(restarted.get("/subjects/a-value/versions").body().toString()).isEqualTo("[1,2]");
    assertThat(restarted.get("/subjects/b-value/versions/latest").body().path("id").asInt())
        .isEqualTo(3);
    assertThat(restarted.get("/config/b-value").body().toString())
        .isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");
    assertThat(
            restarted
                .post("/subjects/c-value/versions", schemaBody(reading(VALUE_WITH_DEFAULT)))
                .body()
                .toString())
        .isEqualTo("{\"id\":4}");
  }

  @Test
  void softDeletesASubjectAndRegistersItAgainWithTheNextVersion() {
    register(SUBJECT, reading(SENSOR));
    assertThat(http.delete("/subjects/" + SUBJECT).body().toString()).isEqualTo("[1]");
    assertThat(http.get("/subjects").body().toString()).isEqualTo("[]");
    assertThat(http.get("/subjects?deleted=true").body().toString())
        .isEqualTo("[\"readings-value\"]");
    assertError(http.delete("/subjects/" + SUBJECT), 404, 40404);
    assertThat(register(SUBJECT, reading(SENSOR)).body().toString()).isEqualTo("{\"id\":1}");
    assertThat(http.get("/subjects/" + SUBJECT + "/versions").body().toString()).isEqualTo("[2]");
  }

  @Test
  void acceptsPlainJsonRequests() {
    Response registered =
        http.send(
            "POST",
            "/subjects/" + SUBJECT + "/versions",
            schemaBody(reading(SENSOR)),
            "application/json");
    assertThat(registered.body().toString()).isEqualTo("{\"id\":1}");
  }

  @Test
  void aWriteWhileTheBrokerIsDownFailsWith50002AndSucceedsOnceItIsBack() {
    registry.close();
    registry = startRegistryOn(topic, Duration.ofSeconds(2));
    http = new RegistryHttp(registry.url());
    register(SUBJECT, reading(SENSOR));

    cluster.stopBroker();
    try {
      Response refused = register(SUBJECT, reading(SENSOR, VALUE_WITH_DEFAULT));
      assertError(refused, 500, 50002);
      // Reads are served from memory meanwhile.
      assertThat(http.get("/schemas/ids/1").status()).isEqualTo(200);
    } finally {
      cluster.startBroker();
    }
    assertThat(register(SUBJECT, reading(SENSOR, VALUE_WITH_DEFAULT)).body().toString())
        .isEqualTo("{\"id\":2}");
  }

  private static JsonNode readTree(String json) {
    try {
      return RegistryHttp.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
