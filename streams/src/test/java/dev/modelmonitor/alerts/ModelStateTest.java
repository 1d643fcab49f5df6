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
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
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

    KeyValueStore<String, byte[]> kv = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("state"), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    kv.init(new MockProcessorContext<>().getStateStoreContext(), kv);
    ModelStateStore store = new ModelStateStore(kv, drift);
    store.checkpoint(m);
    // Head, and the buckets: 50 s of 1 s buckets, 4 of 1 min (15 min window, drift).
    assertThat(kv.approximateNumEntries()).isEqualTo(1 + 50 + 1);
    ModelState copy = store.loadAll().get("churn");
    assertThat(copy.toBytes()).isEqualTo(m.toBytes());
    for (long width : m.rings.keySet()) {
      List<byte[]> original = new ArrayList<>();
      List<byte[]> restored = new ArrayList<>();
      m.rings.get(width).forEachBucket(b -> original.add(b.toBytes()));
      copy.rings.get(width).forEachBucket(b -> restored.add(b.toBytes()));
      assertThat(restored).hasSameSizeAs(original);
      for (int i = 0; i < original.size(); i++) {
        assertThat(restored.get(i)).isEqualTo(original.get(i));
      }
    }
    assertThat(copy.version).isEqualTo("2");
    assertThat(copy.instances.keySet()).containsExactly("pod-2", "pod-0", "pod-1", ModelState.UNKNOWN_INSTANCE);
    assertThat(copy.instances.get(ModelState.UNKNOWN_INSTANCE).state).isEqualTo(LifecycleState.DEGRADED);
    assertThat(copy.features).containsExactly("age", "plan");
    assertThat(copy.rings.keySet()).containsExactly(1000L, 60_000L);
    assertThat(copy.rings.get(60_000L).profiles).isTrue();
    assertThat(copy.detectors.get("c").series).isEqualTo("latency_ms");
    assertThat(copy.episodes.get("abc").labels).isEqualTo(Map.of("team", "ml"));
    assertThat(copy.now(t + 60_000)).isEqualTo(m.now(t + 60_000));
  }

  @Test
  void refusesBytesOfAnotherFormat() {
    byte[] bytes = new ModelState("m").toBytes();
    bytes[0] = 9;
    assertThatThrownBy(() -> ModelState.fromBytes(bytes))
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
    // While events flow the clock is event time, however late they are processed.
    m.observe(StateEvent.newBuilder().setModelId("m").setTimestamp(Instant.ofEpochMilli(t - 500))
        .setEvent(new Heartbeat(2L, 1L, 1L)).build(), t - 500, 5_003_000);
    assertThat(m.now(5_003_000)).isEqualTo(t);
    m.observe(StateEvent.newBuilder().setModelId("m").setTimestamp(Instant.ofEpochMilli(t + 10))
        .setEvent(new Heartbeat(3L, 1L, 1L)).build(), t + 10, 5_010_000);
    assertThat(m.now(5_010_000)).isEqualTo(t + 10);
    assertThat(m.now(5_011_000)).isEqualTo(t + 1010);
  }

  @Test
  void thePipelinesOwnDowntimeDoesNotCount() {
    ModelState m = new ModelState("m");
    m.observe(StateEvent.newBuilder().setModelId("m").setTimestamp(Instant.ofEpochMilli(1_000_000))
        .setInstance(Instance.newBuilder().setId("pod").build())
        .setEvent(new Heartbeat(1L, 1L, 1L)).build(), 1_000_000, 5_000_000);
    m.resume(60_000);
    assertThat(m.now(5_060_000)).isEqualTo(1_000_000);
    assertThat(m.lastEventWall).isEqualTo(5_060_000);
    assertThat(m.lastHeartbeatWall).isEqualTo(5_060_000);
    assertThat(m.lastPredictionWall).isEqualTo(-1);
    assertThat(m.instances.get("pod").lastSeenWall).isEqualTo(5_060_000);
  }

  @Test
  void aCheckpointWritesWhatChangedAndDeletesWhatLeftTheRing() {
    KeyValueStore<String, byte[]> kv = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("state"), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    kv.init(new MockProcessorContext<>().getStateStoreContext(), kv);
    ModelStateStore store = new ModelStateStore(kv, drift);
    ModelState m = new ModelState("m");
    m.apply(TrackingPlan.of(RuleParser.parse("""
        rules:
          - {id: e, metric: error_rate, window: 5s, op: ">", threshold: 0.1}
        """, "t"), AlertsSettings.defaults()), 256, 1);
    for (int i = 0; i < 5; i++) {
      m.observe(AlertsDriver.event("m", Instant.ofEpochMilli(i * 1000L)).build(), i * 1000L, i * 1000L, null, 256);
    }
    store.checkpoint(m);
    assertThat(keys(kv)).containsExactly(ModelStateStore.bucketKey("m", 1000, 0), ModelStateStore.bucketKey("m", 1000, 1000),
        ModelStateStore.bucketKey("m", 1000, 2000), ModelStateStore.bucketKey("m", 1000, 3000),
        ModelStateStore.bucketKey("m", 1000, 4000), ModelStateStore.headKey("m"));
    m.observe(AlertsDriver.event("m", Instant.ofEpochMilli(5000)).build(), 5000, 5000, null, 256);
    store.checkpoint(m);
    assertThat(keys(kv)).doesNotContain(ModelStateStore.bucketKey("m", 1000, 0))
        .contains(ModelStateStore.bucketKey("m", 1000, 5000)).hasSize(6);
    m.apply(TrackingPlan.of(List.of(), AlertsSettings.defaults()), 256, 2);
    store.checkpoint(m);
    assertThat(keys(kv)).containsExactly(ModelStateStore.headKey("m"));
    store.markAlive(123_456);
    assertThat(store.loadAll().keySet()).containsExactly("m");
    assertThat(store.lastAlive()).isEqualTo(123_456);
    store.delete(m);
    assertThat(keys(kv)).containsExactly(ModelStateStore.ALIVE_KEY);
  }

  private static List<String> keys(KeyValueStore<String, byte[]> kv) {
    List<String> keys = new ArrayList<>();
    try (var it = kv.all()) {
      it.forEachRemaining(e -> keys.add(e.key));
    }
    return keys;
  }
}
