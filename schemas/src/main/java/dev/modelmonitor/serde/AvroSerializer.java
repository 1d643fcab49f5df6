package dev.modelmonitor.serde;

import dev.modelmonitor.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes SpecificRecords in the Confluent wire format, registering (or looking up) the record's
 * schema under {@code <topic>-value} or {@code <topic>-key}, as Confluent's default
 * TopicNameStrategy does. The schema id is cached per topic, so the registry sees one request per
 * topic and process.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
  private final SchemaRegistryClient registry;
  private final boolean isKey;
  private final boolean autoRegister;
  private final Map<String, Integer> idByTopic = new ConcurrentHashMap<>();
  private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

  public AvroSerializer(SchemaRegistryClient registry, boolean isKey, boolean autoRegister) {
    this.registry = registry;
    this.isKey = isKey;
    this.autoRegister = autoRegister;
  }

  /** A value serializer that registers schemas as needed. */
  public AvroSerializer(SchemaRegistryClient registry) {
    this(registry, false, true);
  }

  /** The subject a topic's schema lives under, Confluent's TopicNameStrategy. */
  public static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    Schema schema = data.getSchema();
    int id = idByTopic.computeIfAbsent(topic, t -> schemaId(t, schema));
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(new byte[WireFormat.HEADER_SIZE], 0, WireFormat.HEADER_SIZE);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
    encoders.set(encoder);
    try {
      writers.computeIfAbsent(schema, SpecificDatumWriter::new).write(data, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot serialize " + schema.getFullName() + " for topic " + topic + ": " + e, e);
    }
    byte[] bytes = out.toByteArray();
    WireFormat.writeHeader(bytes, id);
    return bytes;
  }

  private int schemaId(String topic, Schema schema) {
    String subject = subject(topic, isKey);
    return autoRegister ? registry.register(subject, schema) : registry.lookupId(subject, schema);
  }
}
