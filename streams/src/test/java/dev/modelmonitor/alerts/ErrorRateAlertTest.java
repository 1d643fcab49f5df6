package dev.modelmonitor.alerts;

import static dev.modelmonitor.alerts.AlertsDriver.MODEL;
import static dev.modelmonitor.alerts.AlertsDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.schema.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorRateAlertTest {
  private final AlertsDriver d = new AlertsDriver();

  private static final String RULE = """
      rules:
        - id: errors
          metric: error_rate
          window: 10s
          op: ">"
          threshold: 0.2
          severity: critical
          labels: {team: ml}
          summary: "{{model}} error rate {{value}} > {{threshold}}"
      """;

  @AfterEach
  void close() {
    d.close();
  }

  @Test
  void firesOnceAndResolvesWhenErrorRateDrops() {
    d.rules(RULE);
    Instant start = T0.plusSeconds(10);
    d.predict(10, start, 100, Outcome.OK);
    assertThat(d.alerts()).isEmpty();

    // 10 OK then errors: 3/13 = 0.2308 is the first rate above 0.2.
    d.predict(5, start.plusMillis(1000), 10, Outcome.ERROR);
    List<Alert> firing = d.alerts();
    assertThat(firing).hasSize(1);
    Alert alert = firing.get(0);
    assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(alert.getRuleId()).isEqualTo("errors");
    assertThat(alert.getModelId()).isEqualTo(MODEL);
    assertThat(alert.getValue()).isEqualTo(3.0 / 13);
    assertThat(alert.getThreshold()).isEqualTo(0.2);
    assertThat(alert.getSeverity()).isEqualTo("critical");
    assertThat(alert.getSummary()).isEqualTo("churn error rate 0.2308 > 0.2");
    assertThat(alert.getStartsAt()).isEqualTo(start.plusMillis(1020));
    assertThat(alert.getEndsAt()).isNull();
    assertThat(alert.getEmittedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(alert.getLabels()).isEqualTo(Map.of("team", "ml", "model", MODEL, "severity", "critical"));
    assertThat(alert.getAlertId()).isEqualTo(AlertIds.of("errors", MODEL, Map.of("team", "ml")));
    assertThat(alert.getUrl()).isEqualTo("http://monitor.example:8080/alerts/" + alert.getAlertId());
    assertThat(alert.getContext()).extracting(c -> c.getName(), c -> c.getScore())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("events", 13.0),
            org.assertj.core.groups.Tuple.tuple("error ValueError", 3.0));

    // Still above: silent.
    d.predict(20, start.plusMillis(1100), 10, Outcome.ERROR);
    assertThat(d.alerts()).isEmpty();

    // Ten seconds of OK traffic later the errors have left the window.
    d.predict(100, start.plusSeconds(5), 100, Outcome.OK);
    List<Alert> resolved = d.alerts();
    assertThat(resolved).hasSize(1);
    Alert r = resolved.get(0);
    assertThat(r.getStatus()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(r.getAlertId()).isEqualTo(alert.getAlertId());
    assertThat(r.getStartsAt()).isEqualTo(alert.getStartsAt());
    assertThat(r.getValue()).isLessThanOrEqualTo(0.2);
    assertThat(r.getEndsAt()).isAfter(r.getStartsAt());
  }

  @Test
  void firesAgainInANewEpisodeWithTheSameAlertId() {
    d.rules(RULE);
    Instant start = T0.plusSeconds(10);
    d.predict(10, start, 10, Outcome.ERROR);
    d.predict(100, start.plusSeconds(1), 100, Outcome.OK);
    d.predict(10, start.plusSeconds(30), 10, Outcome.ERROR);
    List<Alert> alerts = d.alerts();
    assertThat(alerts).extracting(Alert::getStatus)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED, AlertStatus.FIRING);
    assertThat(alerts).extracting(Alert::getAlertId).containsOnly(alerts.get(0).getAlertId());
    assertThat(alerts.get(2).getStartsAt()).isEqualTo(start.plusSeconds(30));
    assertThat(alerts.get(0).getStartsAt()).isEqualTo(start);
  }

  @Test
  void resolvesOnTheWallClockWhenTrafficStops() {
    d.rules(RULE);
    Instant start = Instant.ofEpochMilli(d.wall());
    d.predict(5, start, 10, Outcome.ERROR);
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly(AlertStatus.FIRING);
    d.advance(Duration.ofSeconds(9));
    assertThat(d.alerts()).isEmpty();
    // No event for longer than the window: no data, the condition is false, the alert resolves.
    d.advance(Duration.ofSeconds(2));
    List<Alert> resolved = d.alerts();
    assertThat(resolved).extracting(Alert::getStatus).containsExactly(AlertStatus.RESOLVED);
    assertThat(resolved.get(0).getValue()).isNull();
    assertThat(resolved.get(0).getSummary()).isEqualTo("churn error rate no data > 0.2");
  }

  @Test
  void keepsFiringWithoutTrafficWhenNoDataIsKept() {
    d.rules(RULE.replace("severity: critical", "severity: critical\n    params: {no_data: keep}"));
    Instant start = Instant.ofEpochMilli(d.wall());
    d.predict(5, start, 10, Outcome.ERROR);
    d.advance(Duration.ofMinutes(5));
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly(AlertStatus.FIRING);
    d.predict(100, start.plusSeconds(400), 10, Outcome.OK);
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly(AlertStatus.RESOLVED);
  }

  @Test
  void waitsForTheForDurationBeforeFiring() {
    d.rules(RULE.replace("severity: critical", "for: 5s\n    severity: critical"));
    Instant start = T0.plusSeconds(10);
    // Errors at 1/s: the condition holds from the first one.
    for (int i = 0; i <= 4; i++) {
      d.predict(1, start.plusSeconds(i), 0, Outcome.ERROR);
    }
    assertThat(d.alerts()).isEmpty();
    d.predict(1, start.plusSeconds(5), 0, Outcome.ERROR);
    List<Alert> alerts = d.alerts();
    assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.FIRING);
    assertThat(alerts.get(0).getStartsAt()).isEqualTo(start.plusSeconds(5));
  }

  @Test
  void completesTheForDurationOnTheWallClockWithoutNewEvents() {
    d.rules(RULE.replace("window: 10s", "window: 1m").replace("severity: critical", "for: 5s\n    severity: critical"));
    Instant start = Instant.ofEpochMilli(d.wall());
    d.predict(3, start, 10, Outcome.ERROR);
    d.advance(Duration.ofSeconds(4));
    assertThat(d.alerts()).isEmpty();
    d.advance(Duration.ofSeconds(1));
    List<Alert> alerts = d.alerts();
    assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.FIRING);
    assertThat(alerts.get(0).getEmittedAt()).isEqualTo(start.plusSeconds(5));
  }

  @Test
  void neverFiresWhenTheConditionClearsBeforeTheForDuration() {
    d.rules(RULE.replace("severity: critical", "for: 5s\n    severity: critical"));
    Instant start = T0.plusSeconds(10);
    d.predict(3, start, 10, Outcome.ERROR);
    d.predict(100, start.plusSeconds(1), 10, Outcome.OK);
    d.predict(3, start.plusSeconds(20), 10, Outcome.ERROR);
    d.predict(100, start.plusSeconds(21), 10, Outcome.OK);
    assertThat(d.alerts()).isEmpty();
  }
}
