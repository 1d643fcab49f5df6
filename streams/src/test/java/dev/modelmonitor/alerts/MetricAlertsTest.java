package dev.modelmonitor.alerts;

import static dev.modelmonitor.alerts.AlertsDriver.MODEL;
import static dev.modelmonitor.alerts.AlertsDriver.T0;
import static dev.modelmonitor.alerts.AlertsDriver.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertContext;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One metric kind per test, each through fire and (where it applies) resolve. */
class MetricAlertsTest {
  private final AlertsDriver d = new AlertsDriver();
  private final Instant start = T0.plusSeconds(10);

  @AfterEach
  void close() {
    d.close();
  }

  private static String rule(String metric, String window, String op, String target, String extra) {
    return """
        rules:
          - id: r
            metric: "%s"
            window: %s
            op: "%s"
            %s
        %s
        """.formatted(metric, window, op, target, extra.isEmpty() ? "" : "    " + extra);
  }

  @Test
  void latencyQuantilesAreNearestRankOverTheWindow() {
    d.rules(rule("latency_p99_ms", "1m", ">", "threshold: 98", "params: {min_events: 100}"));
    for (int i = 1; i <= 100; i++) {
      d.predict(event(MODEL, start.plusMillis(i * 10L)).setLatencyMicros(i * 1000L));
    }
    List<Alert> alerts = d.alerts();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).getValue()).isEqualTo(99.0);
    assertThat(alerts.get(0).getContext()).extracting(AlertContext::getName, AlertContext::getScore)
        .containsExactly(tuple("p50 ms", 50.0), tuple("p90 ms", 90.0), tuple("p99 ms", 99.0), tuple("max ms", 100.0));
  }

  @Test
  void throughputFallsWhenTrafficStopsAndRecoversWithIt() {
    d.rules(rule("throughput", "10s", "<", "threshold: 5", "params: {min_events: 20}"));
    d.predict(100, start, 100, Outcome.OK);
    assertThat(d.alerts()).isEmpty();
    // Last event at start+9.9s; 5.1 s later the window is buckets start+6..start+15:
    // the 40 events of start+6.0..9.9 over the 9 s from start+6 to now.
    d.advance(Duration.ofMillis(5100));
    List<Alert> firing = d.alerts();
    assertThat(firing).extracting(Alert::getStatus).containsExactly(AlertStatus.FIRING);
    assertThat(firing.get(0).getValue()).isEqualTo(40 / 9.0);
    d.predict(100, start.plusMillis(15_100), 50, Outcome.OK);
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly(AlertStatus.RESOLVED);
  }

  @Test
  void missingRateOfOneFeature() {
    d.rules(rule("missing_rate:age", "10s", ">", "threshold: 0.3", "params: {min_events: 10}"));
    for (int i = 0; i < 10; i++) {
      d.predict(event(MODEL, start.plusMillis(i * 10L)).setFeatures(
          i < 4 ? d.features("plan", "a") : d.features("age", 30L, "plan", "a")));
    }
    List<Alert> alerts = d.alerts();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).getValue()).isEqualTo(0.4);
    assertThat(alerts.get(0).getContext()).extracting(AlertContext::getName, AlertContext::getCurrent)
        .containsExactly(tuple("age", "missing 40.0%"));
  }

  @Test
  void missingRateOfAnyFeatureAboveTheReference() {
    d.reference(References.ageAndPlan(MODEL));
    d.rules(rule("missing_rate:*", "10s", ">", "threshold: 0.3", "params: {min_events: 10, relative_to: reference}"));
    for (int i = 0; i < 10; i++) {
      d.predict(event(MODEL, start.plusMillis(i * 10L)).setFeatures(
          i % 2 == 0 ? d.features("plan", "a") : d.features("age", 30L, "plan", "a")));
    }
    List<Alert> alerts = d.alerts();
    assertThat(alerts).hasSize(1);
    // age: 5 of 10 missing against 100 of 1,100 in the reference.
    assertThat(alerts.get(0).getValue()).isEqualTo(0.5 - 100.0 / 1100);
    assertThat(alerts.get(0).getContext()).extracting(AlertContext::getName, AlertContext::getReference, AlertContext::getCurrent)
        .containsExactly(tuple("age", "missing 9.1%", "missing 50.0%"), tuple("plan", "missing 0.0%", "missing 0.0%"));
  }

  @Test
  void featureDriftIsThePsiAgainstTheReferenceBins() {
    d.reference(References.ageAndPlan(MODEL));
    d.rules(rule("drift:age", "1m", ">", "threshold: 0.2", "params: {min_events: 100}"));
    for (int i = 0; i < 100; i++) {
      d.predict(event(MODEL, start.plusMillis(i * 10L)).setFeatures(d.features("age", (long) i, "plan", i % 2 == 0 ? "a" : "b")));
    }
    assertThat(d.alerts()).isEmpty();
    Instant later = start.plusSeconds(120);
    for (int i = 0; i < 100; i++) {
      d.predict(event(MODEL, later.plusMillis(i * 10L)).setFeatures(d.features("age", 200L, "plan", "a")));
    }
    List<Alert> alerts = d.alerts();
    assertThat(alerts).hasSize(1);
    // Every window value in the last of ten reference bins of 0.1; empty bins floored at 1e-4.
    double expected = 9 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1) + (1 - 0.1) * Math.log(1 / 0.1);
    assertThat(alerts.get(0).getValue()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    AlertContext age = alerts.get(0).getContext().get(0);
    assertThat(age.getName()).isEqualTo("age");
    assertThat(age.getReference()).isEqualTo("median 49.5");
    assertThat(age.getCurrent()).isEqualTo("median 200");
    assertThat(age.getDetail()).isEqualTo("drifted by ks 2.18E-79; psi 8.283, n 100");
  }

  @Test
  void driftShareCountsFeaturesDriftedByTheDefaultDecision() {
    d.reference(References.ageAndPlan(MODEL));
    d.rules(rule("drift_share", "1m", ">=", "threshold: 0.5", ""));
    for (int i = 0; i < 40; i++) {
      d.predict(event(MODEL, start.plusMillis(i * 10L)).setFeatures(d.features("age", 200L + i, "plan", i % 2 == 0 ? "a" : "b")));
    }
    List<Alert> alerts = d.alerts();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).getValue()).isEqualTo(0.5);
    assertThat(alerts.get(0).getContext()).extracting(AlertContext::getName).containsExactly("age", "plan");
    assertThat(alerts.get(0).getContext().get(1).getReference()).isEqualTo("a 50.0%, b 50.0%");
  }

  @Test
  void predictionDriftComparesTheModelOutput() {
    d.reference(References.ageAndPlan(MODEL));
    d.rules(rule("prediction_drift", "1m", ">", "threshold: 0.2", ""));
    for (int i = 0; i < 30; i++) {
      d.predict(event(MODEL, start.plusMillis(i * 10L)).setPrediction("yes"));
    }
    List<Alert> alerts = d.alerts();
    assertThat(alerts).hasSize(1);
    // Reference no 0.5, yes 0.5, unseen 0; window all yes.
    double expected = (1e-4 - 0.5) * Math.log(1e-4 / 0.5) + (1 - 0.5) * Math.log(1 / 0.5);
    assertThat(alerts.get(0).getValue()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(alerts.get(0).getContext().get(0).getCurrent()).isEqualTo("yes 100.0%");
  }

  @Test
  void lifecycleStateInASetFiresAndResolvesWhenEveryInstanceIsBack() {
    d.rules("""
        rules:
          - id: bad-state
            metric: state
            op: in
            values: [FAILED, DEGRADED]
            summary: "{{model}} is {{value}}"
        """);
    d.lifecycle(MODEL, start, "pod-1", LifecycleState.READY, null);
    assertThat(d.alerts()).isEmpty();
    d.lifecycle(MODEL, start.plusSeconds(1), "pod-2", LifecycleState.DEGRADED, "GPU memory low");
    List<Alert> firing = d.alerts();
    assertThat(firing).hasSize(1);
    assertThat(firing.get(0).getValueText()).isEqualTo("DEGRADED");
    assertThat(firing.get(0).getValue()).isNull();
    assertThat(firing.get(0).getSummary()).isEqualTo("churn is DEGRADED");
    assertThat(firing.get(0).getContext()).extracting(AlertContext::getName, AlertContext::getCurrent, AlertContext::getDetail)
        .containsExactly(
            tuple("instance pod-2", "DEGRADED", "GPU memory low; since " + start.plusSeconds(1)),
            tuple("instance pod-1", "READY", "since " + start));
    d.lifecycle(MODEL, start.plusSeconds(2), "pod-1", LifecycleState.FAILED, "OOM");
    assertThat(d.alerts()).isEmpty();
    d.lifecycle(MODEL, start.plusSeconds(3), "pod-1", LifecycleState.READY, null);
    assertThat(d.alerts()).isEmpty();
    d.lifecycle(MODEL, start.plusSeconds(4), "pod-2", LifecycleState.READY, null);
    List<Alert> resolved = d.alerts();
    assertThat(resolved).extracting(Alert::getStatus, Alert::getValueText)
        .containsExactly(tuple(AlertStatus.RESOLVED, "READY"));
  }

  @Test
  void versionChangeFiresOnANewVersionAndResolvesAfterTheWindow() {
    d.rules(rule("version_change", "1m", ">", "threshold: 0", "severity: info"));
    d.predict(event(MODEL, start).setModelVersion("1.0"));
    d.predict(event(MODEL, start.plusSeconds(1)).setModelVersion("1.0"));
    assertThat(d.alerts()).isEmpty();
    d.predict(event(MODEL, start.plusSeconds(2)).setModelVersion("1.1"));
    List<Alert> firing = d.alerts();
    assertThat(firing).hasSize(1);
    assertThat(firing.get(0).getValue()).isEqualTo(1.0);
    assertThat(firing.get(0).getModelVersion()).isEqualTo("1.1");
    assertThat(firing.get(0).getContext()).extracting(AlertContext::getName, AlertContext::getReference, AlertContext::getCurrent)
        .containsExactly(tuple("version 1.1", "1.0", "1.1"), tuple("version 1.0", null, "1.0"));
    // A rollout mixing old and new versions is one change, not many.
    d.predict(event(MODEL, start.plusSeconds(3)).setModelVersion("1.0"));
    d.predict(event(MODEL, start.plusSeconds(4)).setModelVersion("1.1"));
    assertThat(d.alerts()).isEmpty();
    d.advance(Duration.ofSeconds(61));
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly(AlertStatus.RESOLVED);
  }

  @Test
  void versionIsTheVersionOfTheLatestEvent() {
    d.rules("""
        rules:
          - id: unapproved
            metric: version
            op: not in
            values: ["1.0", "1.1"]
            summary: "{{model}} serves unapproved version {{value}}"
        """);
    d.predict(event(MODEL, start).setModelVersion("1.1"));
    assertThat(d.alerts()).isEmpty();
    d.predict(event(MODEL, start.plusSeconds(1)).setModelVersion("2.0-rc1"));
    assertThat(d.alerts()).extracting(Alert::getStatus, Alert::getValueText, Alert::getSummary)
        .containsExactly(tuple(AlertStatus.FIRING, "2.0-rc1", "churn serves unapproved version 2.0-rc1"));
    d.predict(event(MODEL, start.plusSeconds(2)).setModelVersion("1.0"));
    assertThat(d.alerts()).extracting(Alert::getStatus, Alert::getValueText)
        .containsExactly(tuple(AlertStatus.RESOLVED, "1.0"));
  }

  @Test
  void silenceFiresOnTheWallClockWithoutAnyEventAndResolvesOnTheNextOne() {
    d.rules(rule("silence_s", "1m", ">", "threshold: 60", "severity: critical"));
    d.heartbeat(MODEL, Instant.ofEpochMilli(d.wall()), "pod-1");
    d.advance(Duration.ofSeconds(60));
    assertThat(d.alerts()).isEmpty();
    d.advance(Duration.ofSeconds(1));
    List<Alert> firing = d.alerts();
    assertThat(firing).extracting(Alert::getStatus, Alert::getValue).containsExactly(tuple(AlertStatus.FIRING, 61.0));
    d.advance(Duration.ofSeconds(30));
    assertThat(d.alerts()).isEmpty();
    d.heartbeat(MODEL, Instant.ofEpochMilli(d.wall()), "pod-1");
    assertThat(d.alerts()).extracting(Alert::getStatus, Alert::getValue).containsExactly(tuple(AlertStatus.RESOLVED, 0.0));
  }

  @Test
  void aStoppedModelIsNotSilent() {
    d.rules(rule("silence_s", "1m", ">", "threshold: 60", ""));
    d.lifecycle(MODEL, Instant.ofEpochMilli(d.wall()), "pod-1", LifecycleState.STOPPED, "scaled to zero");
    d.advance(Duration.ofMinutes(5));
    assertThat(d.alerts()).isEmpty();
  }

  @Test
  void silenceOfHeartbeatsIgnoresPredictions() {
    d.rules(rule("silence_s", "1m", ">", "threshold: 30", "params: {source: heartbeat}"));
    d.heartbeat(MODEL, Instant.ofEpochMilli(d.wall()), "pod-1");
    d.advance(Duration.ofSeconds(20));
    d.predict(event(MODEL, Instant.ofEpochMilli(d.wall())));
    d.advance(Duration.ofSeconds(11));
    assertThat(d.alerts()).extracting(Alert::getStatus, Alert::getValue).containsExactly(tuple(AlertStatus.FIRING, 31.0));
  }

  @Test
  void silenceOfOneInstanceFiresWhileItsSiblingsServe() {
    d.rules(rule("silence_s", "1m", ">", "threshold: 15", "params: {source: instance}"));
    d.predict(event(MODEL, Instant.ofEpochMilli(d.wall())).setInstance(pod("pod-1")));
    d.predict(event(MODEL, Instant.ofEpochMilli(d.wall())).setInstance(pod("pod-2")));
    for (int s = 1; s <= 16; s++) {
      d.advance(Duration.ofSeconds(1));
      d.predict(event(MODEL, Instant.ofEpochMilli(d.wall())).setInstance(pod("pod-1")));
      // A hung pod may still heartbeat: only its predictions count.
      d.heartbeat(MODEL, Instant.ofEpochMilli(d.wall()), "pod-2");
    }
    List<Alert> fired = d.alerts();
    assertThat(fired).extracting(Alert::getStatus, Alert::getValue).containsExactly(tuple(AlertStatus.FIRING, 16.0));
    assertThat(fired.get(0).getContext().get(0).getName()).isEqualTo("instance pod-2");
    // Restarted: stopped, then starting again, its silence counts from the restart.
    d.lifecycle(MODEL, Instant.ofEpochMilli(d.wall()), "pod-2", LifecycleState.STOPPED, "restarted");
    d.lifecycle(MODEL, Instant.ofEpochMilli(d.wall()), "pod-2", LifecycleState.STARTING, null);
    d.advance(Duration.ofSeconds(1));
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly(AlertStatus.RESOLVED);
  }

  private static Instance pod(String id) {
    return Instance.newBuilder().setId(id).build();
  }

  @Test
  void pageHinkleyFindsALatencyShift() {
    d.rules(rule("change:latency_ms", "10m", ">", "threshold: 0",
        "params: {min_samples: 20, lambda: 10, delta: 0.25}"));
    for (int i = 0; i < 50; i++) {
      d.predict(event(MODEL, start.plusMillis(i * 10L)).setLatencyMicros(10_000L));
    }
    assertThat(d.alerts()).isEmpty();
    for (int i = 50; i < 60; i++) {
      d.predict(event(MODEL, start.plusMillis(i * 10L)).setLatencyMicros(30_000L));
    }
    List<Alert> alerts = d.alerts();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).getValue()).isEqualTo(1.0);
    AlertContext change = alerts.get(0).getContext().get(0);
    assertThat(change.getName()).isEqualTo("latency_ms");
    assertThat(change.getReference()).isEqualTo("mean 10");
    assertThat(change.getCurrent()).isEqualTo("mean 30");
  }

  @Test
  void aModelSpecificRuleWatchesOnlyItsModel() {
    d.rules("""
        rules:
          - id: only-a
            model: a
            metric: error_rate
            window: 10s
            op: ">"
            threshold: 0.5
        """);
    d.predict(event("b", start).setOutcome(Outcome.ERROR));
    assertThat(d.alerts()).isEmpty();
    d.predict(event("a", start).setOutcome(Outcome.TIMEOUT));
    assertThat(d.alerts()).extracting(Alert::getModelId, Alert::getStatus).containsExactly(tuple("a", AlertStatus.FIRING));
  }
}
