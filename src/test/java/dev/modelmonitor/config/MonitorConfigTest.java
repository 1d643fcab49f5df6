package dev.modelmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The service configuration builds each topology's settings from its own keys. */
class MonitorConfigTest {
  @Test
  void checksThresholdsAndLookbackReachTheChecksSettings() {
    MonitorConfig config = MonitorConfig.of(Map.of(
        MonitorConfig.CHECKS_THRESHOLDS, "error_rate=0.01, latency_p99_ms=500,temp.psi=0.3",
        MonitorConfig.CHECKS_MAX_LOOKBACK, "2h"));

    var settings = config.checksSettings("host:8080");

    assertThat(settings.thresholds())
        .containsExactlyInAnyOrderEntriesOf(Map.of("error_rate", 0.01, "latency_p99_ms", 500.0, "temp.psi", 0.3));
    assertThat(settings.maxLookback()).isEqualTo(Duration.ofHours(2));
    assertThat(settings.instanceName()).isEqualTo("host:8080");
  }

  @Test
  void refusesAnUnknownOrMalformedThresholdNamingIt() {
    assertThatThrownBy(() -> MonitorConfig.of(Map.of(MonitorConfig.CHECKS_THRESHOLDS, "eror_rate=0.01")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("checks.thresholds")
        .hasMessageContaining("unknown threshold 'eror_rate'");
    assertThatThrownBy(() -> MonitorConfig.of(Map.of(MonitorConfig.CHECKS_THRESHOLDS, "error_rate=lots")))
        .hasMessageContaining("'lots' is not a number");
    assertThatThrownBy(() -> MonitorConfig.of(Map.of(MonitorConfig.CHECKS_THRESHOLDS, "error_rate")))
        .hasMessageContaining("'error_rate' is not key=value");
  }

  @Test
  void alertLinksPointAtTheServiceUnlessAUiBaseUrlIsSet() {
    assertThat(MonitorConfig.of(Map.of()).alertsSettings("http://localhost:8080").uiBaseUrl())
        .isEqualTo("http://localhost:8080");
    assertThat(MonitorConfig.of(Map.of(MonitorConfig.UI_BASE_URL, "https://mm.example"))
            .alertsSettings("http://localhost:8080").uiBaseUrl())
        .isEqualTo("https://mm.example");
  }

  @Test
  void theTopologiesTuningKeysAreDeclaredAndValidated() {
    assertThat(MonitorConfig.keys()).contains("alerts.evaluation-interval", "reports.fold-events");
    assertThat(MonitorConfig.of(Map.of("reports.max-features", "12")).reportsSettings().maxFeatures()).isEqualTo(12);
    assertThatThrownBy(() -> MonitorConfig.of(Map.of("alerts.evaluation-interval", "soon")))
        .hasMessageContaining("alerts.evaluation-interval");
  }
}
