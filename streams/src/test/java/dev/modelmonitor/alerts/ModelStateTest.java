package dev.modelmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmonitor.alerts.rules.RuleParser;
import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LifecycleChange;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.StateEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelStateTest {
  private final StatsDriftMeter drift = new StatsDriftMeter();

  @Test
  void roundTripsThroughItsBytesWithEverythingItHolds() throws IOException {
    AlertsSettings settings = AlertsSettings.defaults();
    ModelState m = new ModelState("churn");
    m.apply(TrackingPlan.of(RuleParser.parse("""
        rules:
          - {id: e, metric: error_rate, window: 1m, op: ">", threshold: 0.1}
          - {id: d, metric: drift_share, window: 15m, op: ">", threshold: 0.5}
          - {id: c, metric: "change:latency_ms", window: 10m, op: ">", threshold: 0}
        """, "t"), settings), 256, 1);
    DriftMeter.Reference ref = drift.prepare(References.ageAndPlan("churn"));
    long t = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();
    for (int i = 0; i < 500; i++) {
      m.observe(AlertsDriver.event("churn", Instant.ofEpochMilli(t + i * 100L))
          .setRequestId("r" + i)
          .setModelVersion(i < 250 ? "1" : "2")
          .setInstance(Instance.newBuilder().setId("pod-" + i % 3).build())
          .setLatencyMicros(1000L + i)
          .setOutcome(i % 10 == 0 ? Outcome.ERROR : Outcome.OK)
          .setError(i % 10 == 0 ? "ValueError" : null)
          .setPrediction(i % 2 == 0 ? "yes" : "no")
          .setFeatures(i % 4 == 0 ? Map.of("plan", "a") : Map.of("age", (long) i % 100, "plan", "b"))
          .build(), t + i * 100L, t + i * 100L, ref, 256);
    }
    m.observe(StateEvent.newBuilder().setModelId("churn").setTimestamp(Instant.ofEpochMilli(t))
        .setEvent(new LifecycleChange(LifecycleState.DEGRADED, "slow disk")).build(), t + 50_000, t + 50_000);
    m.observe(StateEvent.newBuilder().setModelId("churn").setTimestamp(Instant.ofEpochMilli(t))
        .setEvent(new Heartbeat(3L, 1L, 1L)).build(), t + 50_001, t + 50_001);
    Episode e = new Episode("abc", "e", t);
    e.firing = true;
    e.labels.put("team", "ml");
    m.episodes.put("abc", e);

    byte[] bytes = m.toBytes();
    ModelState copy = ModelState.fromBytes(bytes, drift);
    assertThat(copy.toBytes()).isEqualTo(bytes);
    assertThat(copy.version).isEqualTo("2");
    assertThat(copy.instances.keySet()).containsExactly("pod-2", "pod-0", "pod-1", ModelState.UNKNOWN_INSTANCE);
    assertThat(copy.instances.get(ModelState.UNKNOWN_INSTANCE).state).isEqualTo(LifecycleState.DEGRADED);
    assertThat(copy.features).containsExactly("age", "plan");
    assertThat(copy.rings.keySet()).containsExactly(1000L, 15_000L);
    assertThat(copy.rings.get(15_000L).profiles).isTrue();
    assertThat(copy.detectors.get("c").series).isEqualTo("latency_ms");
    assertThat(copy.episodes.get("abc").labels).isEqualTo(Map.of("team", "ml"));
    assertThat(copy.now(t + 60_000)).isEqualTo(m.now(t + 60_000));
  }

  @Test
  void refusesBytesOfAnotherFormat() {
    byte[] bytes = new ModelState("m").toBytes();
    bytes[0] = 9;
    assertThatThrownBy(() -> ModelState.fromBytes(bytes, drift))
        .isInstanceOf(IOException.class).hasMessage("unknown model state format 9");
  }

  @Test
  void theModelClockFollowsEventsAndThenTheWallClock() {
    ModelState m = new ModelState("m");
    long t = 1_000_000;
    m.observe(StateEvent.newBuilder().setModelId("m").setTimestamp(Instant.ofEpochMilli(t))
        .setEvent(new Heartbeat(1L, 1L, 1L)).build(), t, 5_000_000);
    assertThat(m.now(5_000_000)).isEqualTo(t);
    assertThat(m.now(5_002_000)).isEqualTo(t + 2000);
    // An old event does not move the clock back.
    m.observe(StateEvent.newBuilder().setModelId("m").setTimestamp(Instant.ofEpochMilli(t - 500))
        .setEvent(new Heartbeat(2L, 1L, 1L)).build(), t - 500, 5_003_000);
    assertThat(m.now(5_003_000)).isEqualTo(t + 3000);
  }
}
