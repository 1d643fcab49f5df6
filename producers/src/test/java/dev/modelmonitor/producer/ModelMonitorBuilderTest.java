package dev.modelmonitor.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmonitor.registry.InMemorySchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelMonitorBuilderTest {
  private static ModelMonitorBuilder complete() {
    return ModelMonitor.builder()
        .environment(Map.of())
        .bootstrapServers("localhost:9")
        .schemaRegistry(new InMemorySchemaRegistryClient())
        .modelId("churn");
  }

  @Test
  void refusesABlankModelIdAtOnce() {
    assertThatThrownBy(() -> ModelMonitor.builder().modelId("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model id must not be blank but was '  '");
  }

  @Test
  void namesWhatIsMissingWhenBuilding() {
    assertThatThrownBy(() -> ModelMonitor.builder().environment(Map.of()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("model id is required: call modelId(...) or set MM_MODEL_ID");
    assertThatThrownBy(() -> ModelMonitor.builder().environment(Map.of()).modelId("m").build())
        .hasMessage(
            "Kafka bootstrap servers are required: call bootstrapServers(...) or set MM_KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(
            () -> ModelMonitor.builder().environment(Map.of()).modelId("m").bootstrapServers("k:9092").build())
        .hasMessage("a schema registry is required: call schemaRegistryUrl(...) or set MM_SCHEMA_REGISTRY_URL");
  }

  @Test
  void refusesOutOfRangeSettingsWithTheValueGiven() {
    assertThatThrownBy(() -> ModelMonitor.builder().bufferSize(0))
        .hasMessage("buffer size must be between 1 and 10000000 but was 0");
    assertThatThrownBy(() -> ModelMonitor.builder().heartbeatInterval(Duration.ofSeconds(-1)))
        .hasMessage("heartbeat interval must not be negative but was PT-1S");
    assertThatThrownBy(() -> ModelMonitor.builder().schemaRegistryUrl("registry:8081"))
        .hasMessage("schema registry URL must look like http://host:port but was registry:8081");
    assertThatThrownBy(() -> DropPolicy.block(Duration.ofMinutes(2)))
        .hasMessage("block time must be between 0 and 1 minute but was PT2M");
    assertThatThrownBy(() -> ModelMonitor.builder().hashKey("short"))
        .hasMessage("hash key must have at least 16 bytes but had 5");
    assertThatThrownBy(() -> ModelMonitor.builder().kafkaProperty("kafka.value.serializer", "x"))
        .hasMessage("kafka property value.serializer is set by the SDK, not by users");
  }

  @Test
  void refusesMalformedBootstrapServersAndInvalidKafkaSettingsAtBuild() {
    assertThatThrownBy(() -> ModelMonitor.builder().bootstrapServers("kafka,kafka-2:9092"))
        .hasMessage("bootstrap servers must look like host:port[,host:port] but was kafka,kafka-2:9092");
    assertThatThrownBy(() -> complete().kafkaProperty("acks", "most").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("invalid Kafka producer setting: Invalid value most for configuration acks");
  }

  @Test
  void refusesHashingWithoutAKeyAndAFeatureBothRedactedAndHashed() {
    assertThatThrownBy(() -> complete().hash("email").build())
        .hasMessage("features [email] are to be hashed but no hashKey(...) was set");
    assertThatThrownBy(() -> complete().hash("email").redact("email").hashKey("0123456789abcdef").build())
        .hasMessage("features [email] are both redacted and hashed; choose one");
  }

  @Test
  void readsMissingSettingsFromTheEnvironment() {
    try (ModelMonitor monitor =
        ModelMonitor.builder()
            .environment(
                Map.of(
                    "MM_MODEL_ID", "fraud",
                    "MM_KAFKA_BOOTSTRAP_SERVERS", "localhost:9",
                    "MM_KAFKA_CLIENT_ID", "from-env",
                    "POD_NAME", "fraud-0"))
            .schemaRegistry(new InMemorySchemaRegistryClient())
            .build()) {
      assertThat(monitor.modelId()).isEqualTo("fraud");
      assertThat(monitor.instance().getId()).isEqualTo("fraud-0");
    }
  }

  @Test
  void passesKafkaPropertiesThroughAfterTheSdkDefaults() {
    ModelMonitorBuilder builder =
        complete().kafkaProperty("kafka.max.block.ms", "50").kafkaProperties(Map.of("linger.ms", "0"));
    assertThat(builder.kafka).containsEntry("max.block.ms", "50").containsEntry("linger.ms", "0");
    try (ModelMonitor monitor = builder.build()) {
      assertThat(monitor.modelId()).isEqualTo("churn");
      assertThat(builder.maxSendBlock).isEqualTo(Duration.ofMillis(50));
    }
  }
}
