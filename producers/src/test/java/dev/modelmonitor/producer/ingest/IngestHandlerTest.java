package dev.modelmonitor.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.producer.testing.ManualClock;
import dev.modelmonitor.registry.InMemorySchemaRegistryClient;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests the handler answers without Kafka, or with Kafka gone (real producer, no broker). */
class IngestHandlerTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final KafkaProducer<String, byte[]> producer =
      new KafkaProducer<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + closedPort(),
              ProducerConfig.MAX_BLOCK_MS_CONFIG, 100),
          new StringSerializer(),
          new ByteArraySerializer());
  private final IngestHandler handler =
      new IngestHandler(
          producer,
          new Topics(TopicNames.defaults(), new InMemorySchemaRegistryClient()),
          new IngestLimits(200, 3, 10, 100, Duration.ofSeconds(5)),
          new ManualClock(),
          meters);

  @AfterEach
  void close() {
    producer.close(Duration.ZERO);
  }

  private static byte[] body(String json) {
    return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void refusesBodiesOverTheLimitBeforeReadingThem() {
    IngestResponse byHeader = handler.handle("predictions", body("[]"), 201);
    assertThat(byHeader.status()).isEqualTo(413);
    assertThat(byHeader.json())
        .isEqualTo("{\"accepted\":0,\"rejected\":0,\"error\":\"request body of 201 bytes exceeds the limit of 200 bytes\",\"errors\":[]}");
    assertThat(handler.handle("predictions", new byte[201], -1).status()).isEqualTo(413);
  }

  @Test
  void refusesBatchesOverTheLimit() {
    IngestResponse response = handler.handle("labels", body("[{},{},{},{}]"), -1);
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.error()).isEqualTo("batch of 4 events exceeds the limit of 3");
  }

  @Test
  void answersUnknownKindsWith404AndBadJsonWith400() {
    assertThat(handler.handle("alerts", body("[]"), -1).status()).isEqualTo(404);
    IngestResponse bad = handler.handle("state", body("[{'modelId':"), -1);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error()).startsWith("request body is not valid JSON: ");
    assertThat(handler.handle("state", body("42"), -1).error())
        .isEqualTo("request body must be a JSON array of events");
    assertThat(handler.handle("state", new byte[0], 0).error())
        .isEqualTo("request body is empty; send a JSON array of events");
  }

  @Test
  void answers400WithEveryReasonWhenNoRecordIsValid() {
    IngestResponse response =
        handler.handle("labels", body("[{'modelId':'m'},{'requestId':'r'}]"), -1);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errors())
        .containsExactly(
            new IngestResponse.RecordError(0, "requestId is required"),
            new IngestResponse.RecordError(1, "modelId is required"));
    assertThat(response.json())
        .isEqualTo("{\"accepted\":0,\"rejected\":2,\"errors\":[{\"index\":0,\"reason\":\"requestId is required\"},"
            + "{\"index\":1,\"reason\":\"modelId is required\"}]}");
    assertThat(meters.get("modelmonitor.ingest.records").tags("kind", "labels", "result", "rejected").counter().count())
        .isEqualTo(2);
  }

  @Test
  void answers503WhenKafkaDoesNotAcknowledgeSoClientsRetry() {
    IngestResponse response =
        handler.handle("state", body("[{'modelId':'m','type':'lifecycle','state':'READY'},{'modelId':'m'}]"), -1);
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.accepted()).isZero();
    assertThat(response.errors()).hasSize(2);
    assertThat(response.errors().get(0).reason()).startsWith("not acknowledged by Kafka: ");
    assertThat(response.errors().get(1))
        .isEqualTo(new IngestResponse.RecordError(1, "type must be lifecycle, heartbeat or resources but was missing"));
    assertThat(meters.get("modelmonitor.ingest.requests").tags("kind", "state", "status", "503").counter().count())
        .isEqualTo(1);
  }

  @Test
  void readsTheKindFromThePathSegment() {
    assertThat(List.of(IngestKind.values()).stream().map(IngestKind::path))
        .containsExactly("predictions", "labels", "state");
    assertThat(IngestKind.fromPath("Predictions")).isEqualTo(IngestKind.PREDICTIONS);
    assertThat(IngestKind.fromPath("metrics")).isNull();
  }

  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
