package dev.modelmonitor.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Plain JSON for Avro records, shaped for people and tools rather than for Avro's own decoder:
 * fields in schema order under their Avro names; optional values as the value or {@code null} (no
 * union wrapper); timestamps as ISO-8601 UTC strings; enums as their symbol; maps as objects with
 * sorted keys; bytes as base64; doubles that are not finite as {@code null}.
 */
final class AvroJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  static JsonNode toJson(IndexedRecord record) {
    return toJson(record, record.getSchema());
  }

  static JsonNode toJson(Object datum, Schema schema) {
    if (datum == null) {
      return NODES.nullNode();
    }
    LogicalType logical = schema.getLogicalType();
    switch (schema.getType()) {
      case RECORD -> {
        IndexedRecord record = (IndexedRecord) datum;
        ObjectNode node = NODES.objectNode();
        for (Schema.Field f : schema.getFields()) {
          node.set(f.name(), toJson(record.get(f.pos()), f.schema()));
        }
        return node;
      }
      case UNION -> {
        return toJson(datum, branch(schema, datum));
      }
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (Object item : (Collection<?>) datum) {
          array.add(toJson(item, schema.getElementType()));
        }
        return array;
      }
      case MAP -> {
        ObjectNode node = NODES.objectNode();
        Map<String, Object> sorted = new TreeMap<>();
        ((Map<?, ?>) datum).forEach((k, v) -> sorted.put(k.toString(), v));
        sorted.forEach((k, v) -> node.set(k, toJson(v, schema.getValueType())));
        return node;
      }
      case LONG -> {
        if (logical instanceof LogicalTypes.TimestampMillis
            || logical instanceof LogicalTypes.TimestampMicros) {
          Instant t = datum instanceof Instant i ? i : Instant.ofEpochMilli((Long) datum);
          return NODES.textNode(t.toString());
        }
        return NODES.numberNode(((Number) datum).longValue());
      }
      case INT -> {
        return NODES.numberNode(((Number) datum).intValue());
      }
      case DOUBLE, FLOAT -> {
        double d = ((Number) datum).doubleValue();
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.nullNode();
      }
      case BOOLEAN -> {
        return NODES.booleanNode((Boolean) datum);
      }
      case BYTES -> {
        ByteBuffer b = ((ByteBuffer) datum).duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
      }
      case FIXED -> {
        return NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
      }
      case NULL -> {
        return NODES.nullNode();
      }
      default -> {
        return NODES.textNode(datum.toString()); // STRING, ENUM
      }
    }
  }

  private static Schema branch(Schema union, Object datum) {
    Schema only = null;
    int nonNull = 0;
    for (Schema s : union.getTypes()) {
      if (s.getType() != Schema.Type.NULL) {
        only = s;
        nonNull++;
      }
    }
    if (nonNull == 1) {
      return only;
    }
    return union.getTypes().get(SpecificData.get().resolveUnion(union, datum));
  }
}
