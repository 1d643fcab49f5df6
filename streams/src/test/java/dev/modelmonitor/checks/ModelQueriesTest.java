package dev.modelmonitor.checks;

import static dev.modelmonitor.checks.References.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.modelmonitor.checks.ModelQueries.MinutePoint;
import dev.modelmonitor.checks.ModelQueries.ModelOverview;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelQueriesTest {
  @TempDir Path stateDir;

  @Test
  void overviewAndMinuteSeriesComeFromTheStores() {
    try (ChecksDriver checks = new ChecksDriver(ChecksSettings.defaults(), stateDir)) {
      checks.send(new References().numeric("x", range(0, 200))
          .build("m", checks.now().minusSeconds(600)));
      checks.send(checks.lifecycle("m", "pod-a", LifecycleState.READY, null));
      checks.send(checks.heartbeat("m", "pod-a", 10_000));
      for (int i = 0; i < 4; i++) { // 12:00: 4 predictions, 1 error, x far off the reference
        checks.send(checks.prediction("m", Map.of("x", 500.0 + i))
            .setOutcome(i == 0 ? Outcome.ERROR : Outcome.OK).setLatencyMicros(10_000L).build());
      }
      checks.advance(Duration.ofSeconds(60)); // 12:01:30
      checks.send(checks.prediction("m", Map.of("x", 100.0)).setLatencyMicros(20_000L).build());
      ModelQueries queries = new ModelQueries(checks.stores());

      ModelOverview overview = queries.model("m", checks.now()).orElseThrow();
      List<MinutePoint> series = queries.series("m", Duration.ofMinutes(3), checks.now());

      assertThat(overview.modelId()).isEqualTo("m");
      assertThat(overview.lifecycle()).isEqualTo("READY");
      assertThat(overview.lastHeartbeat()).isEqualTo("2025-03-01T12:00:30Z");
      assertThat(overview.heartbeatAgeSeconds()).isEqualTo(60.0);
      assertThat(overview.modelVersion()).isEqualTo("v1");
      assertThat(overview.referenceCreatedAt()).isEqualTo("2025-03-01T11:50:30Z");
      assertThat(overview.instances()).extracting(ModelQueries.InstanceView::id,
          ModelQueries.InstanceView::lifecycle).containsExactly(tuple("pod-a", "READY"));
      assertThat(overview.lastMinute()).isEqualTo(
          new MinutePoint("2025-03-01T12:00:00Z", 4, 4 / 60.0, 1, 0.25, 10.0, 10.0, 1.0, 0));
      assertThat(overview.currentMinute()).isEqualTo(
          new MinutePoint("2025-03-01T12:01:00Z", 1, 1 / 30.0, 0, 0.0, 20.0, 20.0, 0.0, 0));
      assertThat(series).extracting(MinutePoint::minute, MinutePoint::predictions)
          .containsExactly(
              tuple("2025-03-01T11:58:00Z", 0L),
              tuple("2025-03-01T11:59:00Z", 0L),
              tuple("2025-03-01T12:00:00Z", 4L),
              tuple("2025-03-01T12:01:00Z", 1L));
      assertThat(queries.models(checks.now())).extracting(ModelOverview::modelId)
          .containsExactly("m");
      assertThat(queries.model("nope", checks.now())).isEmpty();
      assertThat(queries.series("nope", Duration.ofMinutes(3), checks.now())).isEmpty();
    }
  }

  @Test
  void aMinuteBeingClosedShowsItsPredictionsOnce() {
    try (ChecksDriver checks = new ChecksDriver(ChecksSettings.defaults(), stateDir)) {
      for (int i = 0; i < 3; i++) { // 12:00:30
        checks.send(checks.prediction("m", Map.of()).build());
      }
      checks.stopBetweenTheWritesOfAClose(() -> {
        checks.advance(Duration.ofSeconds(90)); // 12:02:00: 12:00 has ended and closes
        checks.send(checks.prediction("m", Map.of()).build());
      });
      ModelQueries queries = new ModelQueries(checks.stores());

      assertThat(queries.series("m", Duration.ofMinutes(2), checks.now()))
          .extracting(MinutePoint::minute, MinutePoint::predictions)
          .containsExactly(
              tuple("2025-03-01T12:00:00Z", 3L),
              tuple("2025-03-01T12:01:00Z", 0L),
              tuple("2025-03-01T12:02:00Z", 1L));
      assertThat(queries.model("m", checks.now()).orElseThrow().lastMinute().predictions())
          .isZero();
    }
  }
}
