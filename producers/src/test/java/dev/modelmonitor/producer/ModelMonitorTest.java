package dev.modelmonitor.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelmonitor.registry.InMemorySchemaRegistryClient;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The monitor against a real Kafka producer whose broker does not exist: nothing may ever reach
 * the caller, and every event must be accounted for. (Delivery to a live broker is {@code
 * ModelMonitorIT}.)
 */
class ModelMonitorTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private ModelMonitor unreachable(int bufferSize) {
    return ModelMonitor.builder()
        .environment(Map.of())
        .bootstrapServers("localhost:" + closedPort())
        .schemaRegistry(new InMemorySchemaRegistryClient())
        .modelId("churn")
        .bufferSize(bufferSize)
        .maxFeatures(3)
        .heartbeatInterval(Duration.ofMillis(20))
        .resourceSampleInterval(Duration.ZERO)
        .kafkaProperty("max.block.ms", "50")
        .meterRegistry(meters)
        .build();
  }

  private double count(String name) {
    return meters.get("modelmonitor.sdk." + name).counter().count();
  }

  private double dropped(DropReason reason) {
    return meters.get("modelmonitor.sdk.dropped").tag("reason", reason.tag()).counter().count();
  }

  private double droppedTotal() {
    return meters.get("modelmonitor.sdk.dropped").counters().stream().mapToDouble(Counter::count).sum();
  }

  @Test
  void neverThrowsAndAccountsForEveryEventWhenKafkaIsUnreachable() {
    ModelMonitor monitor = unreachable(5);
    monitor.start();
    Map<String, Object> tooMany = Map.of("a", 1, "b", 2, "c", 3, "d", 4);
    Map<String, Object> odd = new HashMap<>();
    odd.put("list", List.of(1));
    odd.put("nan", Double.NaN);
    for (int i = 0; i < 50; i++) {
      monitor.recordPrediction(Prediction.of(Map.of("age", i)).prediction(i % 2 == 0));
    }
    monitor.recordPrediction(Prediction.of(tooMany));
    monitor.recordPrediction(null);
    monitor.recordPrediction(Prediction.of(odd));
    monitor.recordLabel(" ", 1);
    monitor.recordLabel("req-1", 1);
    monitor.state(null, "x");
    monitor.state(LifecycleState.DEGRADED, "slow");
    monitor.close(Duration.ofMillis(200));

    assertThat(count("sent")).isZero();
    assertThat(dropped(DropReason.INVALID)).isEqualTo(4);
    assertThat(dropped(DropReason.BUFFER_FULL)).isPositive();
    assertThat(count("recorded")).isEqualTo(count("sent") + droppedTotal());
    assertThat(meters.get("modelmonitor.sdk.fields.adjusted").tag("reason", "unsupported_type").counter().count())
        .isEqualTo(1);
    assertThat(meters.get("modelmonitor.sdk.fields.adjusted").tag("reason", "non_finite").counter().count())
        .isEqualTo(1);
  }

  @Test
  void countsEventsRecordedAfterCloseAsClosed() {
    ModelMonitor monitor = unreachable(100);
    monitor.close(Duration.ZERO);
    double before = dropped(DropReason.CLOSED);
    monitor.recordPrediction(Prediction.of(Map.of("a", 1)));
    monitor.recordLabel("r", "yes");
    monitor.state(LifecycleState.FAILED, "late");
    monitor.start();
    assertThat(dropped(DropReason.CLOSED) - before).isEqualTo(3);
    assertThat(count("recorded")).isEqualTo(count("sent") + droppedTotal());
    monitor.close();
  }

  @Test
  void sendsHeartbeatsAfterStart() {
    try (ModelMonitor monitor = unreachable(1000)) {
      monitor.start();
      // STARTING and READY, then one heartbeat every 20 ms.
      await().until(() -> count("recorded") >= 5);
    }
  }

  @Test
  void timesTheModelCallAndRecordsItsResult() {
    try (ModelMonitor monitor = unreachable(100)) {
      Prediction prediction = Prediction.of(Map.of("x", 1));
      String label = monitor.predict(prediction, () -> "churn");
      assertThat(label).isEqualTo("churn");
      assertThat(prediction.prediction).isEqualTo("churn");
      assertThat(prediction.outcome).isEqualTo(Outcome.OK);
      assertThat(prediction.latencyMicros).isNotNegative();
      assertThat(prediction.requestId).hasSize(36);
      assertThat(count("recorded")).isEqualTo(1);
    }
  }

  @Test
  void recordsAThrowingModelCallAsAnErrorAndRethrows() {
    try (ModelMonitor monitor = unreachable(100)) {
      Prediction prediction = Prediction.of(Map.of("x", 1)).requestId("r-9");
      IOException thrown = new IOException("model file gone");
      try {
        monitor.predict(prediction, () -> {
          throw thrown;
        });
      } catch (IOException e) {
        assertThat(e).isSameAs(thrown);
      }
      assertThat(prediction.outcome).isEqualTo(Outcome.ERROR);
      assertThat(prediction.error).isEqualTo("java.io.IOException");
      assertThat(prediction.errorMessage).isEqualTo("model file gone");
      assertThat(prediction.requestId).isEqualTo("r-9");
    }
  }

  @Test
  void aTimerClosedWithoutAResultRecordsNoResultOnce() {
    try (ModelMonitor monitor = unreachable(100)) {
      Prediction prediction = Prediction.of(Map.of("x", 1));
      PredictionTimer timer = monitor.startPrediction(prediction);
      timer.close();
      timer.close();
      assertThat(prediction.outcome).isEqualTo(Outcome.ERROR);
      assertThat(prediction.error).isEqualTo(PredictionTimer.NO_RESULT);
      assertThat(timer.requestId()).hasSize(36);
      assertThat(count("recorded")).isEqualTo(1);
    }
  }

  @Test
  void blockPolicyReturnsAfterItsBound() {
    try (ModelMonitor monitor =
        ModelMonitor.builder()
            .environment(Map.of())
            .bootstrapServers("localhost:" + closedPort())
            .schemaRegistry(new InMemorySchemaRegistryClient())
            .modelId("churn")
            .bufferSize(1)
            .dropPolicy(DropPolicy.block(Duration.ofMillis(5)))
            .kafkaProperty("max.block.ms", "2000")
            .meterRegistry(meters)
            .build()) {
      // The sender is stuck on metadata for the first event; the buffer holds one more.
      for (int i = 0; i < 4; i++) {
        monitor.recordPrediction(Prediction.of(Map.of("x", i)));
      }
      assertThat(monitor.bufferDepth()).isLessThanOrEqualTo(1);
      assertThat(dropped(DropReason.BUFFER_FULL)).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void countsRegistryErrorsAndHoldsEventsUntilCloseWhileTheRegistryIsUnreachable() {
    ModelMonitor monitor =
        ModelMonitor.builder()
            .environment(Map.of())
            .bootstrapServers("localhost:" + closedPort())
            .schemaRegistryUrl("http://localhost:" + closedPort())
            .modelId("churn")
            .meterRegistry(meters)
            .build();
    for (int i = 0; i < 3; i++) {
      monitor.recordPrediction(Prediction.of(Map.of("x", i)));
    }
    await().until(() -> count("registry.errors") >= 2);
    assertThat(droppedTotal()).isZero();
    monitor.close(Duration.ofMillis(100));
    assertThat(count("recorded")).isEqualTo(3);
    assertThat(dropped(DropReason.CLOSED)).isEqualTo(3);
    assertThat(count("sent")).isZero();
  }

  @Test
  void buildsAndRecordsWhileTheBootstrapHostDoesNotResolveYet() {
    ModelMonitor monitor =
        ModelMonitor.builder()
            .environment(Map.of())
            .bootstrapServers("kafka.not-created-yet.invalid:9092")
            .schemaRegistry(new InMemorySchemaRegistryClient())
            .modelId("churn")
            .meterRegistry(meters)
            .build();
    monitor.start();
    for (int i = 0; i < 3; i++) {
      monitor.recordPrediction(Prediction.of(Map.of("x", i)));
    }
    assertThat(monitor.bufferDepth()).isEqualTo(5);
    monitor.close(Duration.ofMillis(100));
    // STARTING, READY, three predictions and STOPPED: none could be sent.
    assertThat(count("recorded")).isEqualTo(6);
    assertThat(dropped(DropReason.CLOSED)).isEqualTo(6);
  }

  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
