package dev.modelmonitor.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmonitor.registry.InMemorySchemaRegistryClient;
import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.LifecycleChange;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.SampleRecords;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void writesTheConfluentWireFormatByteForByte() {
    // Hand-encoded: magic 0, schema id 1 big-endian, then Avro zigzag varints 1, 2, 3.
    byte[] expected = {0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x04, 0x06};
    Heartbeat heartbeat = new Heartbeat(1L, 2L, 3L);

    byte[] bytes = new AvroSerializer<Heartbeat>(registry).serialize("hb", heartbeat);

    assertThat(bytes).containsExactly(expected);
    assertThat(registry.latest("hb-value").id()).isEqualTo(1);
  }

  @Test
  void encodesEnumsAndOptionalStringsAsAvroBinary() {
    registry.register("other-value", Heartbeat.getClassSchema()); // takes id 1
    // id 2; enum index 2 (READY) = 0x04; union branch 1 (string) = 0x02; length 2 = 0x04; "ok".
    byte[] expected = {0x00, 0x00, 0x00, 0x00, 0x02, 0x04, 0x02, 0x04, 'o', 'k'};

    byte[] bytes =
        new AvroSerializer<LifecycleChange>(registry)
            .serialize("lc", new LifecycleChange(LifecycleState.READY, "ok"));

    assertThat(bytes).containsExactly(expected);
  }

  @Test
  void roundTripsAFullyPopulatedInstanceOfEveryRecord() {
    for (SpecificRecord record : SampleRecords.all()) {
      assertThat(roundTrip(record)).as(record.getSchema().getName()).isEqualTo(record);
    }
  }

  @Test
  void rejectsBytesWithoutTheMagicByte() {
    AvroDeserializer<Heartbeat> deserializer = new AvroDeserializer<>(registry, Heartbeat.class);

    assertThatThrownBy(() -> deserializer.deserialize("hb", new byte[] {'{', '"', 'a'}))
        .isInstanceOf(MissingMagicByteException.class)
        .hasMessageContaining("not the magic byte")
        .extracting(e -> ((WireFormatException) e).reason())
        .isEqualTo("MISSING_MAGIC_BYTE");
  }

  @Test
  void rejectsAnUnknownSchemaId() {
    AvroDeserializer<Heartbeat> deserializer = new AvroDeserializer<>(registry, Heartbeat.class);

    assertThatThrownBy(() -> deserializer.deserialize("hb", new byte[] {0, 0, 0, 0, 99, 2, 4, 6}))
        .isInstanceOf(UnknownSchemaIdException.class)
        .hasMessageContaining("schema id 99 is unknown");
  }

  @Test
  void rejectsAPayloadShorterThanTheHeader() {
    AvroDeserializer<Heartbeat> deserializer = new AvroDeserializer<>(registry, Heartbeat.class);

    assertThatThrownBy(() -> deserializer.deserialize("hb", new byte[] {0, 0, 1}))
        .isInstanceOf(TruncatedPayloadException.class)
        .hasMessageContaining("shorter than the 5-byte header");
  }

  @Test
  void rejectsAPayloadThatEndsInsideTheValue() {
    byte[] full = new AvroSerializer<>(registry).serialize("p", SampleRecords.prediction());
    byte[] truncated = Arrays.copyOf(full, full.length / 2);
    AvroDeserializer<dev.modelmonitor.schema.PredictionEvent> deserializer =
        new AvroDeserializer<>(registry, dev.modelmonitor.schema.PredictionEvent.class);

    assertThatThrownBy(() -> deserializer.deserialize("p", truncated))
        .isInstanceOf(TruncatedPayloadException.class)
        .hasMessageContaining("ends inside the Avro value");
  }

  @Test
  void readsValuesWrittenWithAnOlderSchema() {
    // An old producer whose Heartbeat had only "sequence": the new fields take their defaults.
    Schema old =
        SchemaBuilder.record("Heartbeat").namespace("dev.modelmonitor.schema").fields()
            .requiredLong("sequence").endRecord();
    int id = registry.register("old-value", old);
    byte[] bytes = {0, 0, 0, 0, (byte) id, 0x0e}; // sequence = 7

    Heartbeat read = new AvroDeserializer<>(registry, Heartbeat.class).deserialize("old", bytes);

    assertThat(read).isEqualTo(new Heartbeat(7L, 0L, 0L));
  }

  @SuppressWarnings("unchecked")
  private <T extends SpecificRecord> T roundTrip(T record) {
    AvroSerde<T> serde = AvroSerde.forValue(registry, (Class<T>) record.getClass());
    byte[] bytes = serde.serializer().serialize("t-" + record.getSchema().getName(), record);
    return serde.deserializer().deserialize("t-" + record.getSchema().getName(), bytes);
  }
}
