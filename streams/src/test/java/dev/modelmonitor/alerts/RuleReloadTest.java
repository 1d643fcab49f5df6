package dev.modelmonitor.alerts;

import static dev.modelmonitor.alerts.AlertsDriver.MODEL;
import static dev.modelmonitor.alerts.AlertsDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.schema.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rules added, changed, disabled and deleted on the rules topic take effect without a restart. */
class RuleReloadTest {
  private final AlertsDriver d = new AlertsDriver();
  private final Instant start = T0.plusSeconds(10);

  private static final String RULE = """
      rules:
        - id: errors
          metric: error_rate
          window: 1m
          op: ">"
          threshold: 0.2
      """;

  @AfterEach
  void close() {
    d.close();
  }

  @Test
  void aRuleAddedWhileTrafficFlowsWatchesTheEventsAfterIt() {
    d.predict(10, start, 10, Outcome.ERROR);
    assertThat(d.alerts()).isEmpty();
    d.rules(RULE);
    assertThat(d.alerts()).isEmpty();
    // Only the 3 OK and 1 error after the rule count: 0.25.
    d.predict(3, start.plusSeconds(1), 10, Outcome.OK);
    d.predict(1, start.plusSeconds(2), 10, Outcome.ERROR);
    assertThat(d.alerts()).extracting(Alert::getStatus, Alert::getValue)
        .containsExactly(tuple(AlertStatus.FIRING, 0.25));
  }

  @Test
  void aRuleAddedWithAWindowLengthAlreadyWatchedSeesItsHistory() {
    d.rules(RULE.replace("errors", "slow").replace("error_rate", "latency_p99_ms").replace("0.2", "1000"));
    d.predict(10, start, 10, Outcome.ERROR);
    d.rules(RULE);
    assertThat(d.alerts()).extracting(Alert::getRuleId, Alert::getStatus, Alert::getValue)
        .containsExactly(tuple("errors", AlertStatus.FIRING, 1.0));
  }

  @Test
  void aChangedThresholdResolvesTheSameAlert() {
    d.rules(RULE);
    d.predict(10, start, 10, Outcome.ERROR);
    d.predict(10, start.plusMillis(100), 10, Outcome.OK);
    Alert firing = d.alerts().get(0);
    d.rules(RULE.replace("0.2", "0.6"));
    List<Alert> after = d.alerts();
    assertThat(after).extracting(Alert::getStatus, Alert::getAlertId, Alert::getThreshold)
        .containsExactly(tuple(AlertStatus.RESOLVED, firing.getAlertId(), 0.6));
    d.predict(20, start.plusMillis(300), 10, Outcome.ERROR);
    assertThat(d.alerts()).extracting(Alert::getStatus, Alert::getThreshold)
        .containsExactly(tuple(AlertStatus.FIRING, 0.6));
  }

  @Test
  void deletingAFiringRuleResolvesItAndStopsIt() {
    d.rules(RULE);
    d.predict(10, start, 10, Outcome.ERROR);
    Alert firing = d.alerts().get(0);
    d.deleteRule("errors");
    List<Alert> resolved = d.alerts();
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).getStatus()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.get(0).getAlertId()).isEqualTo(firing.getAlertId());
    assertThat(resolved.get(0).getSummary()).isEqualTo(firing.getSummary());
    assertThat(resolved.get(0).getDescription())
        .isEqualTo("rule errors was deleted, disabled or changed its model or labels");
    d.predict(10, start.plusSeconds(1), 10, Outcome.ERROR);
    assertThat(d.alerts()).isEmpty();
  }

  @Test
  void aDisabledRuleResolvesAndAReenabledOneFiresAgain() {
    d.rules(RULE);
    d.predict(10, start, 10, Outcome.ERROR);
    assertThat(d.alerts()).hasSize(1);
    d.rules(RULE + "    enabled: false\n");
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly(AlertStatus.RESOLVED);
    d.rules(RULE);
    d.predict(10, start.plusSeconds(1), 10, Outcome.ERROR);
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly(AlertStatus.FIRING);
  }

  @Test
  void newLabelsMakeANewAlertAndResolveTheOldOne() {
    d.rules(RULE);
    d.predict(10, start, 10, Outcome.ERROR);
    Alert old = d.alerts().get(0);
    d.rules(RULE + "    labels: {team: payments}\n");
    List<Alert> alerts = d.alerts();
    assertThat(alerts).extracting(Alert::getStatus, Alert::getAlertId)
        .containsExactly(
            tuple(AlertStatus.RESOLVED, old.getAlertId()),
            tuple(AlertStatus.FIRING, AlertIds.of("errors", MODEL, Map.of("team", "payments"))));
  }
}
