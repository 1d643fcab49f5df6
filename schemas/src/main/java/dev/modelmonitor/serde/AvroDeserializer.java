package dev.modelmonitor.serde;

import dev.modelmonitor.registry.SchemaRegistryClient;
import dev.modelmonitor.registry.SchemaRegistryException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format bytes into a SpecificRecord class, resolving the writer's schema
 * (by id, from the registry) against the class's schema, so records written with an older or
 * newer compatible schema read fine.
 *
 * <p>Bad bytes throw a {@link WireFormatException} subclass saying which problem it is; a registry
 * that cannot be reached throws {@link SchemaRegistryException} (not the record's fault, so not a
 * dead letter).
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
  private final SchemaRegistryClient registry;
  private final Schema readerSchema;
  private final Map<Integer, SpecificDatumReader<T>> readersById = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  public AvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
    this.registry = registry;
    this.readerSchema = SpecificData.get().getSchema(type);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int id = WireFormat.schemaId(data);
    SpecificDatumReader<T> reader = readersById.computeIfAbsent(id, this::reader);
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(
                data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, decoders.get());
    decoders.set(decoder);
    try {
      return reader.read(null, decoder);
    } catch (EOFException e) {
      throw new TruncatedPayloadException(
          "payload of " + data.length + " bytes ends inside the Avro value (schema id " + id + ")",
          e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new CorruptPayloadException(
          "cannot decode Avro value with schema id " + id + " as "
              + readerSchema.getFullName() + ": " + e.getMessage(),
          e);
    }
  }

  private SpecificDatumReader<T> reader(int id) {
    Schema writerSchema;
    try {
      writerSchema = registry.schemaById(id);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
        throw new UnknownSchemaIdException(
            "schema id " + id + " is unknown to the registry at " + registry.url(), e);
      }
      throw e;
    }
    return new SpecificDatumReader<>(writerSchema, readerSchema);
  }
}
