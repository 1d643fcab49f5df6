package dev.modelmonitor.local.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class SchemaRequestsTest {

  private static RegistryException refusal(String body) {
    return catchThrowableOfType(RegistryException.class, () -> SchemaRequests.schema(body));
  }

  @Test
  void readsTheAvroSchemaOfARequest() {
    assertThat(SchemaRequests.schema("{\"schema\":\"\\\"string\\\"\"}").toString())
        .isEqualTo("\"string\"");
    assertThat(
            SchemaRequests.schema("{\"schema\":\"\\\"long\\\"\",\"schemaType\":\"AVRO\"}")
                .toString())
        .isEqualTo("\"long\"");
  }

  @Test
  void aSchemaThatIsNotValidAvroIs42201NamingTheProblem() {
    RegistryException e =
        refusal("{\"schema\":\"{\\\"type\\\":\\\"recrod\\\",\\\"name\\\":\\\"X\\\"}\"}");
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.errorCode()).isEqualTo(42201);
    assertThat(e.getMessage()).startsWith("Invalid schema: ").contains("recrod");
  }

  @Test
  void aSchemaThatIsNotJsonIs42201() {
    RegistryException e = refusal("{\"schema\":\"{\\\"type\\\": \"}");
    assertThat(e.errorCode()).isEqualTo(42201);
    assertThat(e.getMessage()).startsWith("Invalid schema: ");
  }

  @Test
  void aDefaultOfTheWrongTypeIs42201() {
    String schema =
        "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":"
            + "[{\\\"name\\\":\\\"n\\\",\\\"type\\\":\\\"int\\\",\\\"default\\\":\\\"x\\\"}]}";
    RegistryException e = refusal("{\"schema\":\"" + schema + "\"}");
    assertThat(e.errorCode()).isEqualTo(42201);
    assertThat(e.getMessage()).contains("default");
  }

  @Test
  void aMissingSchemaOrAnotherSchemaTypeIs42201() {
    assertThat(refusal("{}").getMessage())
        .isEqualTo("Empty schema: the request has no \"schema\" field");
    assertThat(refusal("{\"schema\":\"x\",\"schemaType\":\"PROTOBUF\"}").getMessage())
        .isEqualTo("Unsupported schema type PROTOBUF: this registry serves AVRO schemas only");
    assertThat(refusal("{\"schema\":{\"type\":\"string\"}}").errorCode()).isEqualTo(42201);
    assertThat(
            refusal(
                    "{\"schema\":\"\\\"string\\\"\",\"references\":[{\"name\":\"x\",\"subject\":\"y\",\"version\":1}]}")
                .errorCode())
        .isEqualTo(42201);
  }

  @Test
  void aBodyThatIsNotJsonIs400() {
    RegistryException e = refusal("schema=string");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).startsWith("The request body is not valid JSON");
    assertThat(refusal("[1]").getMessage()).isEqualTo("The request body must be a JSON object");
  }

  @Test
  void readsTheLevelOfAConfigUpdate() {
    assertThat(SchemaRequests.compatibility("{\"compatibility\":\"forward\"}"))
        .isEqualTo(CompatibilityLevel.FORWARD);
    RegistryException e =
        catchThrowableOfType(
            RegistryException.class,
            () -> SchemaRequests.compatibility("{\"compatibility\":\"X\"}"));
    assertThat(e.errorCode()).isEqualTo(42203);
  }
}
