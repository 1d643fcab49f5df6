package dev.modelmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void usesTheDocumentedDefaults() {
    MonitorConfig config = ConfigLoader.load(null, Map.of(), Map.of());

    assertThat(config.getString(MonitorConfig.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("localhost:9092");
    assertThat(config.duration(MonitorConfig.REPORTS_WINDOW)).isEqualTo(Duration.ofHours(1));
    assertThat(config.duration(MonitorConfig.REPORTS_GRACE)).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.duration(MonitorConfig.LABELS_MAX_DELAY)).isEqualTo(Duration.ofHours(1));
    assertThat(config.duration(MonitorConfig.CHECKS_MAX_LOOKBACK)).isEqualTo(Duration.ofHours(24));
    assertThat(config.getString(MonitorConfig.PROCESSING_GUARANTEE)).isEqualTo("exactly_once_v2");
    assertThat(config.getInt(MonitorConfig.HTTP_PORT)).isEqualTo(8080);
  }

  @Test
  void environmentWinsOverTheFileAndOverridesWinOverBoth() throws IOException {
    Path file = write("reports:\n  window: 15m\n  grace: 1m\nhttp.port: 9000\n");

    MonitorConfig config =
        ConfigLoader.load(
            file, Map.of("MM_REPORTS_WINDOW", "30m", "PATH", "/usr/bin"), Map.of("http.port", "9100"));

    assertThat(config.duration(MonitorConfig.REPORTS_WINDOW)).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.duration(MonitorConfig.REPORTS_GRACE)).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.getInt(MonitorConfig.HTTP_PORT)).isEqualTo(9100);
  }

  @Test
  void passesKafkaKeysThroughToTheClients() throws IOException {
    Path file = write("kafka:\n  bootstrap-servers: broker:9093\n  security.protocol: SSL\n");

    MonitorConfig config =
        ConfigLoader.load(file, Map.of("MM_KAFKA_SASL_MECHANISM", "PLAIN"), Map.of());

    assertThat(config.kafkaClientProperties())
        .containsEntry("bootstrap.servers", "broker:9093")
        .containsEntry("security.protocol", "SSL")
        .containsEntry("sasl.mechanism", "PLAIN")
        .doesNotContainKey("bootstrap-servers");
  }

  @Test
  void refusesAnUnknownKeyNamingIt() throws IOException {
    Path file = write("reports:\n  windw: 1h\n");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("unknown configuration key 'reports.windw'");
  }

  @Test
  void refusesABadValueNamingTheKey() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("MM_REPORTS_GRACE", "soon"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("reports.grace")
        .hasMessageContaining("'soon' is not a duration");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("processing.guarantee", "maybe")))
        .hasMessageContaining("processing.guarantee");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("http.port", "eighty")))
        .hasMessageContaining("http.port");
  }

  @Test
  void refusesAnUnknownMmEnvironmentVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("MM_REPORT_WINDOW", "1h"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MM_REPORT_WINDOW");
  }

  @Test
  void saysWhenTheFileIsMissing() {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of(), Map.of()))
        .hasMessageContaining("nope.yaml does not exist");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
