package dev.modelmonitor.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.producer.testing.Fixtures;
import dev.modelmonitor.producer.testing.ManualClock;
import dev.modelmonitor.producer.testing.TopicReader;
import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.LifecycleChange;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ResourceSample;
import dev.modelmonitor.schema.StateEvent;
import dev.modelmonitor.topic.TopicNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The SDK against the real broker and schema registry. */
@ExtendWith(LocalClusterExtension.class)
class ModelMonitorIT {
  private static final Path V2 = fixture("v2");
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  static Path fixture(String name) {
    return Fixtures.cgroupRoot(name);
  }

  private double count(String name) {
    return meters.get("modelmonitor.sdk." + name).counter().count();
  }

  private double dropped() {
    return meters.get("modelmonitor.sdk.dropped").counters().stream().mapToDouble(Counter::count).sum();
  }

  /** Every event recorded so far is either sent or dropped. */
  private boolean settled() {
    return count("recorded") == count("sent") + dropped();
  }

  /** recorded, sent and dropped, for assertions that show all three. */
  private List<Double> counts() {
    return counts(count("recorded"), count("sent"), dropped());
  }

  private static List<Double> counts(double recorded, double sent, double dropped) {
    return List.of(recorded, sent, dropped);
  }

  private double dropped(DropReason reason) {
    return meters.get("modelmonitor.sdk.dropped").tag("reason", reason.tag()).counter().count();
  }

  @Test
  void publishesLifecyclePredictionsLabelsAndResourcesAsAvroKeyedByModel(TestCluster cluster) {
    TopicNames topics = cluster.createTopics(cluster.newTopicNames(), 1);
    ManualClock clock = new ManualClock(Instant.parse("2025-06-01T08:00:00Z"));
    ModelMonitor monitor =
        ModelMonitor.builder()
            .environment(Map.of("POD_NAME", "churn-0", "POD_NAMESPACE", "ml", "NODE_NAME", "n1"))
            .hostRoot(V2)
            .image("registry.example/churn:3")
            .bootstrapServers(cluster.bootstrapServers())
            .schemaRegistryUrl(cluster.registryUrl())
            .topicPrefix(topics.prefix())
            .modelId("churn")
            .modelVersion("3")
            .clock(clock)
            .heartbeatInterval(Duration.ofMillis(50))
            .resourceSampleInterval(Duration.ofMillis(50))
            .redact("ssn")
            .hash("email")
            .hashKey("0123456789abcdef-secret")
            .meterRegistry(meters)
            .build();
    monitor.start();
    Map<String, Object> features = new HashMap<>();
    features.put("age", 41);
    features.put("email", "alice@example.com");
    features.put("ssn", "123-45-6789");
    features.put("income", Double.NaN);
    String requestId =
        monitor.recordPrediction(
            Prediction.of(features).prediction("stay").scores(Map.of("stay", 0.75, "churn", 0.25))
                .latencyMicros(1500));
    monitor.recordPrediction(
        Prediction.of(Map.of("age", 30)).requestId("r-err").error(Outcome.REJECTED, "ValidationError", "age<18"));
    monitor.recordLabel(requestId, "churn");
    monitor.state(LifecycleState.DEGRADED, "p99 over budget");
    await().until(() -> count("recorded") >= 9); // 2 lifecycle, 2 predictions, label, state, heartbeats, samples
    monitor.close(Duration.ofSeconds(10));

    Instance instance =
        new Instance("churn-0", null, "a3f5c2d1e4b6978812345678901234567890abcdefabcdef0123456789abcdef",
            "churn-0", "ml", "n1", "registry.example/churn:3");
    Instant t = Instant.parse("2025-06-01T08:00:00Z");
    try (TopicReader<PredictionEvent> predictions =
        new TopicReader<>(cluster.bootstrapServers(), cluster.registryUrl(), topics.predictions(), PredictionEvent.class)) {
      List<TopicReader.Read<PredictionEvent>> read = predictions.readUntil(r -> r.size() >= 2, Duration.ofSeconds(30));
      assertThat(read).extracting(TopicReader.Read::key).containsExactly("churn", "churn");
      assertThat(read.get(0).timestamp()).isEqualTo(t.toEpochMilli());
      Map<String, Object> sent = new HashMap<>();
      sent.put("age", 41L);
      sent.put("email", "13e14219e1d4e5b45729c2b369aca32083dd8547d19746a827aca4ebecc37051");
      sent.put("income", null);
      assertThat(read.get(0).value())
          .isEqualTo(new PredictionEvent("churn", "3", t, instance, requestId, sent, "stay",
              Map.of("stay", 0.75, "churn", 0.25), 1500L, Outcome.OK, null, null));
      assertThat(read.get(1).value())
          .isEqualTo(new PredictionEvent("churn", "3", t, instance, "r-err", Map.of("age", 30L), null, null, null,
              Outcome.REJECTED, "ValidationError", "age<18"));
    }
    try (TopicReader<LabelEvent> labels =
        new TopicReader<>(cluster.bootstrapServers(), cluster.registryUrl(), topics.labels(), LabelEvent.class)) {
      assertThat(labels.read(1)).containsExactly(new LabelEvent("churn", "3", t, instance, requestId, "churn"));
    }
    double stateEvents = count("recorded") - 3;
    try (TopicReader<StateEvent> state =
        new TopicReader<>(cluster.bootstrapServers(), cluster.registryUrl(), topics.state(), StateEvent.class)) {
      List<StateEvent> events = state.read((int) stateEvents);
      List<Object> lifecycle =
          events.stream().map(StateEvent::getEvent).filter(e -> e instanceof LifecycleChange).toList();
      assertThat(lifecycle)
          .containsExactly(
              new LifecycleChange(LifecycleState.STARTING, null),
              new LifecycleChange(LifecycleState.READY, null),
              new LifecycleChange(LifecycleState.DEGRADED, "p99 over budget"),
              new LifecycleChange(LifecycleState.STOPPED, null));
      assertThat(events.get(events.size() - 1).getEvent()).isEqualTo(new LifecycleChange(LifecycleState.STOPPED, null));
      List<Heartbeat> heartbeats =
          events.stream().map(StateEvent::getEvent).filter(e -> e instanceof Heartbeat).map(e -> (Heartbeat) e).toList();
      assertThat(heartbeats).isNotEmpty();
      assertThat(heartbeats.get(0)).isEqualTo(new Heartbeat(1L, 0L, 50L));
      List<ResourceSample> samples =
          events.stream().map(StateEvent::getEvent).filter(e -> e instanceof ResourceSample).map(e -> (ResourceSample) e).toList();
      assertThat(samples).isNotEmpty();
      // The sampler is primed at start; the fixture's CPU usage does not move, so 0 cores since.
      assertThat(samples.get(0)).isEqualTo(new ResourceSample("v2", 0.0, 1.5, 268435456L, 536870912L, null));
      assertThat(events).allSatisfy(e -> {
        assertThat(e.getModelId()).isEqualTo("churn");
        assertThat(e.getInstance()).isEqualTo(instance);
      });
    }
    assertThat(count("recorded")).isEqualTo(count("sent"));
    assertThat(dropped()).isZero();
    assertThat(meters.get("modelmonitor.sdk.send.latency").timer().count()).isEqualTo((long) count("sent"));
  }

  /**
   * The broker goes away mid-stream and comes back: calls never throw and never wait beyond the
   * BLOCK bound (plus a generous margin for a loaded machine), the buffer never holds more than
   * its capacity, every event is either sent or dropped, and events recorded after recovery
   * arrive.
   */
  @Test
  void survivesTheBrokerStoppingAndRestartingMidStream(TestCluster cluster) {
    TopicNames topics = cluster.createTopics(cluster.newTopicNames(), 1);
    Duration block = Duration.ofMillis(20);
    int capacity = 200;
    ModelMonitor monitor =
        ModelMonitor.builder()
            .environment(Map.of("HOSTNAME", "outage-test"))
            .hostRoot(fixture("none"))
            .bootstrapServers(cluster.bootstrapServers())
            .schemaRegistryUrl(cluster.registryUrl())
            .topicPrefix(topics.prefix())
            .modelId("outage")
            .bufferSize(capacity)
            .dropPolicy(DropPolicy.block(block))
            .heartbeatInterval(Duration.ofMillis(100))
            .resourceSampleInterval(Duration.ZERO)
            // A small producer buffer, so the outage reaches the SDK's own buffer quickly.
            .kafkaProperty("buffer.memory", "65536")
            .kafkaProperty("batch.size", "16384")
            .kafkaProperty("max.block.ms", "200")
            .kafkaProperty("request.timeout.ms", "2000")
            .kafkaProperty("delivery.timeout.ms", "4000")
            .meterRegistry(meters)
            .build();
    monitor.start();
    CallStats calls = new CallStats(monitor, capacity);

    // Before: the pipeline flows (once the producer knows the topics), nothing is lost.
    calls.record("warmup", 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> count("sent") >= 3);
    recordSettled(calls, "before", 500);
    assertThat(dropped()).isZero();

    // During: no broker.
    cluster.stopBroker();
    calls.record("during", 1000);
    assertThat(dropped(DropReason.BUFFER_FULL) + dropped(DropReason.SEND_FAILED)).isPositive();

    // After: the broker is back; once a probe event goes through, everything recorded arrives.
    double sentAtRestart = count("sent");
    cluster.startBroker();
    // Heartbeats keep flowing; once one is acknowledged and nothing is in flight, all has settled.
    await().atMost(Duration.ofSeconds(60)).until(() ->
        count("sent") > sentAtRestart && monitor.bufferDepth() == 0 && settled());
    double droppedBeforeAfter = dropped();
    recordSettled(calls, "after", 300);
    monitor.close(Duration.ofSeconds(20));

    LoggerFactory.getLogger(ModelMonitorIT.class).info(
        "outage: slowest call {} us, deepest buffer {}, recorded {}, sent {}, dropped buffer_full {}, send_failed {}",
        calls.maxNanos / 1000, calls.maxDepth, count("recorded"), count("sent"),
        dropped(DropReason.BUFFER_FULL), dropped(DropReason.SEND_FAILED));
    assertThat(calls.throwables).isZero();
    assertThat(calls.maxDepth).isLessThanOrEqualTo(capacity);
    assertThat(calls.maxNanos).isLessThan(block.plusSeconds(2).toNanos());
    assertThat(count("recorded")).isEqualTo(count("sent") + dropped());
    assertThat(dropped()).isEqualTo(droppedBeforeAfter);

    try (TopicReader<PredictionEvent> predictions =
        new TopicReader<>(cluster.bootstrapServers(), cluster.registryUrl(), topics.predictions(), PredictionEvent.class)) {
      List<TopicReader.Read<PredictionEvent>> read =
          predictions.readUntil(r -> afterIds(r).size() == 300, Duration.ofSeconds(30));
      assertThat(afterIds(read)).hasSize(300);
      assertThat(read.stream().map(r -> r.value().getRequestId()).filter(id -> id.startsWith("before-")).count())
          .isEqualTo(500);
    }
  }

  /**
   * Records {@code count} events in steps the small producer buffer of the outage test can take
   * at once, waiting for each step to be acknowledged.
   */
  private void recordSettled(CallStats calls, String phase, int count) {
    for (int done = 0; done < count; done += 50) {
      calls.record(phase, done, Math.min(50, count - done));
      await().atMost(Duration.ofSeconds(30)).until(() -> calls.monitor.bufferDepth() == 0 && settled());
    }
  }

  private static Set<String> afterIds(List<TopicReader.Read<PredictionEvent>> read) {
    return read.stream().map(r -> r.value().getRequestId()).filter(id -> id.startsWith("after-"))
        .collect(Collectors.toSet());
  }

  /** Records predictions and keeps what the caller experienced. */
  private static final class CallStats {
    private final ModelMonitor monitor;
    private final Map<String, Object> features = new HashMap<>();
    long maxNanos;
    int maxDepth;
    int throwables;

    CallStats(ModelMonitor monitor, int capacity) {
      this.monitor = monitor;
      for (int f = 0; f < 20; f++) {
        features.put("f" + f, f * 1.5);
      }
    }

    void record(String phase, int count) {
      record(phase, 0, count);
    }

    void record(String phase, int first, int count) {
      for (int i = first; i < first + count; i++) {
        long start = System.nanoTime();
        try {
          monitor.recordPrediction(Prediction.of(features).requestId(phase + "-" + i).prediction(i % 3));
        } catch (Throwable t) {
          throwables++;
        }
        maxNanos = Math.max(maxNanos, System.nanoTime() - start);
        maxDepth = Math.max(maxDepth, monitor.bufferDepth());
      }
    }
  }
}
