package dev.modelmonitor.alerts;

import static dev.modelmonitor.alerts.AlertsDriver.MODEL;
import static dev.modelmonitor.alerts.AlertsDriver.T0;
import static dev.modelmonitor.alerts.AlertsDriver.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertRule;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.schema.Comparator;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad records go to the dead-letter topic (or, on compacted topics, are refused) and evaluation goes on. */
class BadInputTest {
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

  private byte[] bytes(PredictionEvent e) {
    return d.topics.predictions().valueSerde().serializer().serialize(d.topics.names().predictions(), e);
  }

  @Test
  void badEventsAreDeadLetteredAndTheTopologyGoesOn() {
    d.rules(RULE);
    d.rawPrediction(MODEL, "{\"modelId\": \"churn\"}".getBytes());
    d.rawPrediction("other", bytes(event(MODEL, start).setOutcome(Outcome.ERROR).setRequestId("x").build()));
    d.rawPrediction(MODEL, bytes(event(MODEL, start).setLatencyMicros(-5L).setRequestId("y").build()));
    List<DeadLetter> letters = d.deadLetters();
    assertThat(letters).extracting(DeadLetter::getReason, DeadLetter::getComponent, DeadLetter::getSourceTopic)
        .containsExactly(
            tuple("DESERIALIZATION", "alerts", "mm.predictions"),
            tuple("VALIDATION", "alerts", "mm.predictions"),
            tuple("VALIDATION", "alerts", "mm.predictions"));
    assertThat(letters.get(1).getMessage())
        .isEqualTo("record key 'other' is not the event's modelId 'churn'; predictions must be keyed by modelId");
    assertThat(letters.get(2).getMessage()).isEqualTo("negative latencyMicros -5");
    assertThat(d.meters.get("modelmonitor.dlq.records").tag("reason", "VALIDATION").counter().count()).isEqualTo(2.0);
    assertThat(d.alerts()).isEmpty();

    d.predict(3, start, 10, Outcome.ERROR);
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly(AlertStatus.FIRING);
  }

  @Test
  void eventsDatedFarAheadOfTheClockAreDeadLetteredAndDoNotBlindTheModel() {
    d.rules(RULE);
    // A producer clock two hours ahead: taken as it is, this event would move the model's clock
    // two hours on, and the failing events below would fall outside every window.
    Instant ahead = T0.plus(Duration.ofHours(2));
    d.predict(event(MODEL, ahead).setRequestId("ahead"));
    d.heartbeat(MODEL, ahead, "pod-1");
    List<DeadLetter> letters = d.deadLetters();
    assertThat(letters).extracting(DeadLetter::getReason, DeadLetter::getSourceTopic)
        .containsExactly(tuple("FUTURE", "mm.predictions"), tuple("FUTURE", "mm.state"));
    assertThat(letters.get(0).getMessage()).isEqualTo("event time 2026-11-28T12:00:00Z is "
        + "PT1H59M59S ahead of this instance's clock (2026-11-28T10:00:01Z), more than "
        + "alerts.future-tolerance (PT1H) allows: fix the producer's clock or timestamp unit, or "
        + "raise alerts.future-tolerance");
    assertThat(d.meters.get("modelmonitor.dlq.records").tag("reason", "FUTURE").counters())
        .extracting(c -> c.count()).containsExactlyInAnyOrder(1.0, 1.0);

    d.predict(3, start, 10, Outcome.ERROR);
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly(AlertStatus.FIRING);
  }

  @Test
  void badStateEventsAreDeadLetteredToo() {
    d.state("", start, "pod-1", new dev.modelmonitor.schema.Heartbeat(1L, 1L, 1L));
    List<DeadLetter> letters = d.deadLetters();
    assertThat(letters).extracting(DeadLetter::getReason, DeadLetter::getSourceTopic, DeadLetter::getMessage)
        .containsExactly(tuple("VALIDATION", "mm.state", "blank modelId"));
  }

  @Test
  void anInvalidRuleRecordIsRefusedAndThePreviousVersionStaysInForce() {
    d.rules(RULE);
    AlertRule bad = RuleFixtures.avro(RULE);
    bad.setMetric("error_ratio");
    d.rawRule("errors", d.topics.rules().valueSerde().serializer().serialize("mm.rules", bad));
    d.rawRule("errors", new byte[] {1, 2, 3});
    AlertRule otherKey = RuleFixtures.avro(RULE);
    otherKey.setOp(Comparator.LT);
    d.rawRule("not-errors", d.topics.rules().valueSerde().serializer().serialize("mm.rules", otherKey));
    d.advance(java.time.Duration.ofSeconds(1));
    assertThat(d.meters.get(CompactedTopicUpdater.REFUSED_METRIC).tag("topic", "mm.rules").counter().count())
        .isEqualTo(3.0);

    d.predict(3, start, 10, Outcome.ERROR);
    assertThat(d.alerts()).extracting(Alert::getRuleId, Alert::getStatus, Alert::getOp)
        .containsExactly(tuple("errors", AlertStatus.FIRING, ">"));
  }
}
