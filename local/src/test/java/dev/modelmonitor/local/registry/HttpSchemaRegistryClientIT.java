package dev.modelmonitor.local.registry;

import static dev.modelmonitor.local.registry.Schemas.SENSOR;
import static dev.modelmonitor.local.registry.Schemas.UNIT;
import static dev.modelmonitor.local.registry.Schemas.VALUE_WITH_DEFAULT;
import static dev.modelmonitor.local.registry.Schemas.parse;
import static dev.modelmonitor.local.registry.Schemas.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.registry.SchemaRegistryClient.SubjectVersion;
import dev.modelmonitor.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The project's registry client against the local registry: the two sides agree. */
@ExtendWith(LocalClusterExtension.class)
class HttpSchemaRegistryClientIT {
  private LocalSchemaRegistry registry;
  private HttpSchemaRegistryClient client;

  @BeforeEach
  void start(TestCluster cluster) {
    registry =
        LocalSchemaRegistry.builder(cluster.bootstrapServers())
            .topic(cluster.uniqueName("_schemas"))
            .build();
    registry.start();
    client = new HttpSchemaRegistryClient(registry.url());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void registersLooksUpAndReadsBackThroughTheClient() {
    Schema v1 = parse(reading(SENSOR));
    Schema v2 = parse(reading(SENSOR, VALUE_WITH_DEFAULT));
    assertThat(client.register("readings-value", v1)).isEqualTo(1);
    assertThat(client.register("readings-value", v2)).isEqualTo(2);
    assertThat(client.register("other-value", v1)).isEqualTo(1);

    assertThat(new HttpSchemaRegistryClient(registry.url()).schemaById(2)).isEqualTo(v2);
    assertThat(new HttpSchemaRegistryClient(registry.url()).lookupId("readings-value", v1))
        .isEqualTo(1);
    assertThat(client.latest("readings-value"))
        .isEqualTo(new SubjectVersion("readings-value", 2, 2, v2));
    assertThat(client.subjects()).containsExactly("other-value", "readings-value");
  }

  @Test
  void compatibilityAndRefusalsReachTheClientWithConfluentsCodes() {
    client.register("readings-value", parse(reading(SENSOR)));
    assertThat(client.isCompatible("readings-value", parse(reading(SENSOR, VALUE_WITH_DEFAULT))))
        .isTrue();
    assertThat(client.isCompatible("readings-value", parse(reading(SENSOR, UNIT)))).isFalse();
    assertThat(client.isCompatible("new-value", parse(reading(UNIT)))).isTrue();

    SchemaRegistryException incompatible =
        catchThrowableOfType(
            SchemaRegistryException.class,
            () -> client.register("readings-value", parse(reading(SENSOR, UNIT))));
    assertThat(incompatible.status()).isEqualTo(409);
    assertThat(incompatible.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);

    SchemaRegistryException unknownId =
        catchThrowableOfType(SchemaRegistryException.class, () -> client.schemaById(77));
    assertThat(unknownId.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);

    SchemaRegistryException unknownSubject =
        catchThrowableOfType(SchemaRegistryException.class, () -> client.latest("nope-value"));
    assertThat(unknownSubject.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
  }
}
