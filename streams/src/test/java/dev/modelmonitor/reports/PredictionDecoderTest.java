package dev.modelmonitor.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.modelmonitor.registry.InMemorySchemaRegistryClient;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.serde.AvroDeserializer;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.serde.CorruptPayloadException;
import dev.modelmonitor.serde.TruncatedPayloadException;
import dev.modelmonitor.serde.UnknownSchemaIdException;
import dev.modelmonitor.serde.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class PredictionDecoderTest {
  private static final String TOPIC = "mm.predictions";
  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final AvroSerializer<PredictionEvent> serializer = new AvroSerializer<>(registry);
  private final AvroDeserializer<PredictionEvent> generic =
      new AvroDeserializer<>(registry, PredictionEvent.class);
  private final PredictionDecoder decoder = new PredictionDecoder(registry, generic);

  @Test
  void theDecoderIsLaidOutForThePredictionEventSchema() {
    // Fails when PredictionEvent.avsc changes: then PredictionDecoder.read needs the same change.
    assertThat(PredictionDecoder.layoutOf(PredictionEvent.getClassSchema()))
        .isEqualTo(PredictionDecoder.LAYOUT);
  }

  @Test
  void readsEveryFieldReportsUseDirectlyFromTheCurrentSchema() {
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("age", 41.5);
    features.put("visits", 7L);
    features.put("member", true);
    features.put("city", "Zürich");
    features.put("income", null);
    features.put("negative", -1234567890123L);
    PredictionEvent event = PredictionEvent.newBuilder().setModelId("churn")
        .setModelVersion("v7").setTimestamp(Instant.parse("2026-11-28T10:00:00Z"))
        .setInstance(Instance.newBuilder().setId("pod-1").setHostname("h1").setNode("n2")
            .build())
        .setRequestId("req-42").setFeatures(features).setPrediction("yes")
        .setScores(Map.of("yes", 0.8, "no", 0.2)).setLatencyMicros(1530L)
        .setOutcome(Outcome.ERROR).setError("TimeoutException").setErrorMessage("slow")
        .build();
    byte[] bytes = serializer.serialize(TOPIC, event);

    PredictionFields fields = decoder.deserialize(TOPIC, bytes);

    assertThat(decoder.readsDirectly(ByteBuffer.wrap(bytes, 1, 4).getInt())).isTrue();
    assertThat(fields.modelId()).isEqualTo("churn");
    assertThat(fields.modelVersion()).isEqualTo("v7");
    assertThat(fields.requestId()).isEqualTo("req-42");
    assertThat(fields.prediction()).isEqualTo("yes");
    assertThat(fields.latencyMicros()).isEqualTo(1530L);
    assertThat(fields.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(fields.error()).isEqualTo("TimeoutException");
    assertThat(fields.bytes()).isSameAs(bytes);
    assertThat(names(fields.features()))
        .containsExactly("age", "visits", "member", "city", "income", "negative");
    assertThat(values(fields.features()))
        .containsExactly(41.5, 7L, true, "Zürich", null, -1234567890123L);
    assertThat(fields.features()).isEqualTo(features);
    // Doubles are held unboxed; everything else as the value it is.
    FeatureValues read = (FeatureValues) fields.features();
    assertThat(read.isNumber(0)).isTrue();
    assertThat(read.number(0)).isEqualTo(41.5);
    assertThat(List.of(1, 2, 3, 4, 5)).noneMatch(read::isNumber);
  }

  @Test
  void readsEventsWithoutOptionalFieldsAndDecodesEachRepeatedStringOnce() {
    PredictionEvent first = minimal("m", "r1", Map.of("x", 1.0, "c", "red"), 3L);
    PredictionEvent second = minimal("m", "r2", Map.of("x", 2.0, "c", "red"), null);

    PredictionFields a = decoder.deserialize(TOPIC, serializer.serialize(TOPIC, first));
    PredictionFields b = decoder.deserialize(TOPIC, serializer.serialize(TOPIC, second));

    assertThat(a.modelVersion()).isNull();
    assertThat(a.error()).isNull();
    assertThat(a.outcome()).isEqualTo(Outcome.OK);
    assertThat(a.prediction()).isEqualTo(3L);
    assertThat(b.prediction()).isNull();
    assertThat(a.latencyMicros()).isNull();
    assertThat(b.requestId()).isEqualTo("r2");
    assertThat(b.features()).isEqualTo(Map.of("x", 2.0, "c", "red"));
    assertThat(b.modelId()).isSameAs(a.modelId());
    assertThat(b.features().get("c")).isSameAs(a.features().get("c"));
  }

  @Test
  void featureNamesAreReadRightWhenEventsNameThemInAnotherOrderOrNumber() {
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("alpha", 1.0);
    first.put("beta", 2.0);
    Map<String, Object> swapped = new LinkedHashMap<>();
    swapped.put("beta", 3.0);
    swapped.put("alphb", 4.0); // same length as alpha, one byte apart
    swapped.put("gamma", 5.0);

    decoder.deserialize(TOPIC, serializer.serialize(TOPIC, minimal("m", "r1", first, null)));
    PredictionFields b = decoder.deserialize(TOPIC,
        serializer.serialize(TOPIC, minimal("m", "r2", swapped, null)));
    PredictionFields c = decoder.deserialize(TOPIC,
        serializer.serialize(TOPIC, minimal("m", "r3", first, null)));

    assertThat(names(b.features())).containsExactly("beta", "alphb", "gamma");
    assertThat(values(b.features())).containsExactly(3.0, 4.0, 5.0);
    assertThat(names(c.features())).containsExactly("alpha", "beta");
  }

  @Test
  void namesAndCategoriesOfAnyLengthThatDifferInOneByteAreToldApart() {
    int request = 0;
    for (int length : new int[] {1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24}) {
      String base = "abcdefghijklmnopqrstuvwxyz".substring(0, length);
      for (int at = 0; at < length; at++) {
        String other = base.substring(0, at) + 'Z' + base.substring(at + 1);
        for (String name : List.of(base, other)) {
          Map<String, Object> features = new LinkedHashMap<>();
          features.put(name, name); // the name, and a category read through the string table
          PredictionFields read = decoder.deserialize(TOPIC,
              serializer.serialize(TOPIC, minimal("m", "r" + request++, features, null)));
          assertThat(names(read.features())).as("length %d, byte %d", length, at)
              .containsExactly(name);
          assertThat(values(read.features())).containsExactly(name);
        }
      }
    }
  }

  @Test
  void eventsOfAnotherSchemaVersionAreResolvedByTheGenericReader() throws IOException {
    // An older writer: no instance, scores, error or errorMessage; features of doubles only.
    Schema older = new Schema.Parser().parse("""
        {"type": "record", "name": "PredictionEvent", "namespace": "dev.modelmonitor.schema",
         "fields": [
          {"name": "modelId", "type": "string"},
          {"name": "modelVersion", "type": ["null", "string"], "default": null},
          {"name": "timestamp", "type": {"type": "long", "logicalType": "timestamp-millis"}},
          {"name": "requestId", "type": "string"},
          {"name": "features", "type": {"type": "map", "values": ["null", "double"]}},
          {"name": "prediction", "type": ["null", "double"], "default": null},
          {"name": "latencyMicros", "type": ["null", "long"], "default": null},
          {"name": "region", "type": "string", "default": "eu"}
         ]}""");
    GenericRecord record = new GenericData.Record(older);
    record.put("modelId", "m");
    record.put("modelVersion", "v1");
    record.put("timestamp", 1_000L);
    record.put("requestId", "r9");
    record.put("features", Map.of("x", 2.5));
    record.put("prediction", 0.75);
    record.put("latencyMicros", 99L);
    record.put("region", "us");
    int id = registry.register(TOPIC + "-value", older);
    byte[] bytes = wire(id, older, record);

    PredictionFields fields = decoder.deserialize(TOPIC, bytes);

    assertThat(decoder.readsDirectly(id)).isFalse();
    assertThat(fields.modelId()).isEqualTo("m");
    assertThat(fields.modelVersion()).isEqualTo("v1");
    assertThat(fields.requestId()).isEqualTo("r9");
    assertThat(fields.prediction()).isEqualTo(0.75);
    assertThat(fields.latencyMicros()).isEqualTo(99L);
    assertThat(fields.outcome()).isEqualTo(Outcome.OK);
    assertThat(fields.features()).isEqualTo(Map.of("x", 2.5));
    assertThat(fields.bytes()).isSameAs(bytes);
  }

  @Test
  void badBytesFailExactlyAsWithTheGenericDeserializer() {
    byte[] good = serializer.serialize(TOPIC,
        minimal("m", "r1", Map.of("x", 1.0, "c", "red"), 3L));
    byte[] truncated = Arrays.copyOf(good, good.length - 3);
    byte[] badEnum = good.clone();
    badEnum[good.length - 3] = 8; // the outcome: symbol 4 of 4 (zig-zag)
    byte[] hugeString = good.clone();
    hugeString[5] = 0x7e; // modelId length 63, past the end
    byte[] unknownId = good.clone();
    unknownId[4] = 99;
    List<byte[]> bad = List.of(truncated, badEnum, hugeString, unknownId,
        "{\"json\":1}".getBytes(), new byte[] {0, 0});

    for (byte[] bytes : bad) {
      Throwable expected = catchThrowable(() -> generic.deserialize(TOPIC, bytes));
      Throwable actual = catchThrowable(() -> decoder.deserialize(TOPIC, bytes));
      assertThat(expected).isInstanceOf(WireFormatException.class);
      assertThat(actual).isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
    }
    assertThat(catchThrowable(() -> decoder.deserialize(TOPIC, truncated)))
        .isInstanceOf(TruncatedPayloadException.class);
    assertThat(catchThrowable(() -> decoder.deserialize(TOPIC, badEnum)))
        .isInstanceOf(CorruptPayloadException.class);
    assertThat(catchThrowable(() -> decoder.deserialize(TOPIC, unknownId)))
        .isInstanceOf(UnknownSchemaIdException.class);
  }

  private static PredictionEvent minimal(String model, String requestId,
      Map<String, Object> features, Object prediction) {
    return PredictionEvent.newBuilder().setModelId(model).setTimestamp(Instant.EPOCH)
        .setRequestId(requestId).setFeatures(new LinkedHashMap<>(features))
        .setPrediction(prediction).build();
  }

  private static byte[] wire(int id, Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static List<String> names(FeatureValues features) {
    return features.keySet().stream().toList();
  }

  private static List<Object> values(FeatureValues features) {
    return Arrays.asList(features.values().toArray());
  }
}
