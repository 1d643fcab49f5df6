package dev.modelmonitor.serde;

import dev.modelmonitor.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka (Streams) {@link Serde} for one SpecificRecord class in the Confluent wire format. */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final AvroSerializer<T> serializer;
  private final AvroDeserializer<T> deserializer;

  private AvroSerde(SchemaRegistryClient registry, Class<T> type, boolean isKey) {
    this.serializer = new AvroSerializer<>(registry, isKey, true);
    this.deserializer = new AvroDeserializer<>(registry, type);
  }

  /** A serde for record values (subject {@code <topic>-value}). */
  public static <T extends SpecificRecord> AvroSerde<T> forValue(
      SchemaRegistryClient registry, Class<T> type) {
    return new AvroSerde<>(registry, type, false);
  }

  /** A serde for record keys (subject {@code <topic>-key}). */
  public static <T extends SpecificRecord> AvroSerde<T> forKey(
      SchemaRegistryClient registry, Class<T> type) {
    return new AvroSerde<>(registry, type, true);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
