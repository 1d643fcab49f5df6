package dev.modelmonitor.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.producer.internal.EventSanitizer;
import dev.modelmonitor.producer.testing.ManualClock;
import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.LifecycleChange;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.StateEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventsTest {
  private static final Instance INSTANCE = new Instance("pod-1", "pod-1", null, "pod-1", "ml", null, null);
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final Events events =
      new Events("churn", "3", INSTANCE, clock, new EventSanitizer(4, 64, Set.of(), issue -> {}));

  @Test
  void buildsAPredictionWithDefaultsFromTheClockAndAGeneratedRequestId() {
    PredictionEvent event = events.prediction(Prediction.of(Map.of("age", 41, "plan", "pro")).prediction(true));
    assertThat(event.getRequestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(event)
        .isEqualTo(
            new PredictionEvent(
                "churn", "3", Instant.parse("2025-03-01T10:00:00Z"), INSTANCE, event.getRequestId(),
                Map.of("age", 41L, "plan", "pro"), true, null, null, Outcome.OK, null, null));
  }

  @Test
  void keepsEverythingTheAppSet() {
    PredictionEvent event =
        events.prediction(
            Prediction.of(Map.of("x", 1.5))
                .requestId("req-7")
                .prediction("churn")
                .scores(Map.of("churn", 0.9, "stay", 0.1))
                .latency(Duration.ofMillis(12))
                .error(Outcome.TIMEOUT, "java.util.concurrent.TimeoutException", "took too long")
                .timestamp(Instant.parse("2025-03-01T09:59:59Z")));
    assertThat(event)
        .isEqualTo(
            new PredictionEvent(
                "churn", "3", Instant.parse("2025-03-01T09:59:59Z"), INSTANCE, "req-7", Map.of("x", 1.5),
                "churn", Map.of("churn", 0.9, "stay", 0.1), 12_000L, Outcome.TIMEOUT,
                "java.util.concurrent.TimeoutException", "took too long"));
  }

  @Test
  void generatesDistinctRequestIdsForBlankOnes() {
    String a = events.prediction(Prediction.of(Map.of()).requestId(" ")).getRequestId();
    String b = events.prediction(Prediction.of(Map.of())).getRequestId();
    assertThat(a).hasSize(36).isNotEqualTo(b);
  }

  @Test
  void refusesAPredictionWithTooManyFeatures() {
    assertThat(events.prediction(Prediction.of(Map.of("a", 1, "b", 2, "c", 3, "d", 4, "e", 5)))).isNull();
  }

  @Test
  void recordsFailuresWithTheExceptionClassAndTimeoutsAsTimeout() {
    PredictionEvent error = events.prediction(Prediction.of(Map.of()).failed(new IllegalStateException("no model")));
    assertThat(error.getOutcome()).isEqualTo(Outcome.ERROR);
    assertThat(error.getError()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.getErrorMessage()).isEqualTo("no model");
    PredictionEvent timeout =
        events.prediction(Prediction.of(Map.of()).failed(new java.util.concurrent.TimeoutException("5s")));
    assertThat(timeout.getOutcome()).isEqualTo(Outcome.TIMEOUT);
  }

  @Test
  void buildsLabelsAndRefusesBlankRequestIds() {
    clock.advance(Duration.ofHours(1));
    assertThat(events.label("req-7", 1))
        .isEqualTo(new LabelEvent("churn", "3", Instant.parse("2025-03-01T11:00:00Z"), INSTANCE, "req-7", 1L));
    assertThat(events.label(" ", 1)).isNull();
    assertThat(events.label(null, 1)).isNull();
  }

  @Test
  void buildsLifecycleAndHeartbeatStateEvents() {
    assertThat(events.lifecycle(LifecycleState.DEGRADED, "p99 over budget"))
        .isEqualTo(
            new StateEvent("churn", "3", Instant.parse("2025-03-01T10:00:00Z"), INSTANCE,
                new LifecycleChange(LifecycleState.DEGRADED, "p99 over budget")));
    assertThat(events.heartbeat(4, 40_000, 10_000).getEvent()).isEqualTo(new Heartbeat(4L, 40_000L, 10_000L));
  }
}
