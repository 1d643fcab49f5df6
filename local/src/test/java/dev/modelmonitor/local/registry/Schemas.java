package dev.modelmonitor.local.registry;

import org.apache.avro.Schema;

/** Versions of one small record, {@code test.Reading}, for the registry tests. */
final class Schemas {
  private Schemas() {}

  static final String SENSOR = field("sensor", "\"string\"", null);
  static final String SENSOR_WITH_DEFAULT = field("sensor", "\"string\"", "\"unknown\"");
  static final String SENSOR_AS_INT_WITH_DEFAULT = field("sensor", "\"int\"", "0");
  static final String VALUE_WITH_DEFAULT = field("value", "\"double\"", "0.0");
  static final String UNIT = field("unit", "\"string\"", null);

  /** The record {@code test.Reading} with these fields, as schema JSON. */
  static String reading(String... fields) {
    return "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"test\",\"fields\":["
        + String.join(",", fields)
        + "]}";
  }

  static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }

  private static String field(String name, String type, String defaultJson) {
    return "{\"name\":\""
        + name
        + "\",\"type\":"
        + type
        + (defaultJson == null ? "" : ",\"default\":" + defaultJson)
        + "}";
  }
}
