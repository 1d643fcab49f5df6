package dev.modelmonitor.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.notifier.AlertmanagerProcess;
import dev.modelmonitor.notifier.TestAlerts;
import dev.modelmonitor.notifier.config.NotifierConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertmanagerChannelTest {
  @TempDir static Path dir;
  static AlertmanagerProcess alertmanager;

  @BeforeAll
  static void start() {
    alertmanager = new AlertmanagerProcess(dir);
  }

  @AfterAll
  static void stop() {
    alertmanager.close();
  }

  @Test
  void alertFiresInAlertmanagerWithMappedLabelsAndLeavesTheActiveListWhenResolved() throws Exception {
    // Alertmanager compares endsAt with its own clock: a fixed "now" must be the real one.
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Channel channel =
        Channels.create(
            NotifierConfigLoader.parse(
                    "receivers:\n  - name: am\n    type: alertmanager\n    url: " + alertmanager.url() + "/\n",
                    Map.of())
                .receiver("am"),
            Clock.fixed(now, ZoneOffset.UTC));

    channel.send(new Notification("am", List.of(TestAlerts.firing()), 0));

    JsonNode active = alerts();
    assertThat(active).hasSize(1);
    JsonNode alert = active.get(0);
    assertThat(alert.get("labels"))
        .isEqualTo(new ObjectMapper().readTree(
            """
            {"alertname":"high-error-rate","model":"fraud-model","severity":"critical","team":"risk"}
            """));
    assertThat(alert.at("/status/state").asText()).isEqualTo("active");
    assertThat(Instant.parse(alert.get("startsAt").asText())).isEqualTo(TestAlerts.STARTS_AT);
    // Like Prometheus: endsAt four repeat intervals (1m for Alertmanager receivers) ahead.
    assertThat(Instant.parse(alert.get("endsAt").asText())).isEqualTo(now.plus(Duration.ofMinutes(4)));
    assertThat(alert.get("generatorURL").asText()).isEqualTo("http://localhost:8080/alerts/a-7f3e");
    assertThat(alert.at("/annotations/summary").asText()).isEqualTo("fraud-model error rate 0.125 > 0.05");
    assertThat(alert.at("/annotations/value").asText()).isEqualTo("error_rate 0.125 > 0.05");
    assertThat(alert.at("/annotations/alert_id").asText()).isEqualTo("a-7f3e");

    channel.send(new Notification("am", List.of(TestAlerts.resolved()), 0));

    // API v2 lists only unresolved alerts: a resolved one (endsAt in the past) leaves the list.
    assertThat(alerts()).isEmpty();
  }

  private static JsonNode alerts() throws Exception {
    var response = alertmanager.get("/api/v2/alerts?filter=model%3D%22fraud-model%22");
    assertThat(response.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }
}
