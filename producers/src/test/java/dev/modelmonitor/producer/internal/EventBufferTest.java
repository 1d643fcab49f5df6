package dev.modelmonitor.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelmonitor.producer.DropPolicy;
import dev.modelmonitor.producer.DropReason;
import dev.modelmonitor.schema.Heartbeat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class EventBufferTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final SdkMetrics metrics = new SdkMetrics(meters, "m");

  private static Heartbeat event(long n) {
    return new Heartbeat(n, 0L, 0L);
  }

  private static List<Long> drain(EventBuffer buffer) {
    List<SpecificRecord> out = new ArrayList<>();
    buffer.drainTo(out, 100);
    return out.stream().map(e -> ((Heartbeat) e).getSequence()).toList();
  }

  @Test
  void dropNewestKeepsTheFirstEventsAndCountsTheRest() {
    EventBuffer buffer = new EventBuffer(3, DropPolicy.DROP_NEWEST, metrics);
    for (long i = 1; i <= 5; i++) {
      buffer.offer(event(i));
    }
    assertThat(drain(buffer)).containsExactly(1L, 2L, 3L);
    assertThat(metrics.droppedCount(DropReason.BUFFER_FULL)).isEqualTo(2);
  }

  @Test
  void dropOldestKeepsTheLastEventsAndCountsTheEvicted() {
    EventBuffer buffer = new EventBuffer(3, DropPolicy.DROP_OLDEST, metrics);
    for (long i = 1; i <= 5; i++) {
      assertThat(buffer.offer(event(i))).isTrue();
    }
    assertThat(drain(buffer)).containsExactly(3L, 4L, 5L);
    assertThat(metrics.droppedCount(DropReason.BUFFER_FULL)).isEqualTo(2);
  }

  @Test
  void blockGivesUpAfterTheBoundAndCountsTheDrop() {
    EventBuffer buffer = new EventBuffer(1, DropPolicy.block(Duration.ofMillis(20)), metrics);
    buffer.offer(event(1));
    assertThat(buffer.offer(event(2))).isFalse();
    assertThat(metrics.droppedCount(DropReason.BUFFER_FULL)).isEqualTo(1);
    assertThat(drain(buffer)).containsExactly(1L);
  }

  @Test
  void blockEnqueuesOnceRoomIsMade() {
    EventBuffer buffer = new EventBuffer(1, DropPolicy.block(Duration.ofSeconds(30)), metrics);
    buffer.offer(event(1));
    CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> buffer.offer(event(2)));
    await().until(() -> drain(buffer).equals(List.of(1L)));
    assertThat(waiting.join()).isTrue();
    assertThat(drain(buffer)).containsExactly(2L);
    assertThat(metrics.droppedCount()).isZero();
  }

  @Test
  void reportsDepthAndCapacityAsGauges() {
    EventBuffer buffer = new EventBuffer(4, DropPolicy.DROP_NEWEST, metrics);
    buffer.offer(event(1));
    buffer.offer(event(2));
    assertThat(meters.get("modelmonitor.sdk.buffer.depth").tag("model", "m").gauge().value()).isEqualTo(2.0);
    assertThat(meters.get("modelmonitor.sdk.buffer.capacity").gauge().value()).isEqualTo(4.0);
    assertThat(buffer.clear()).isEqualTo(2);
    assertThat(meters.get("modelmonitor.sdk.buffer.depth").gauge().value()).isZero();
  }
}
