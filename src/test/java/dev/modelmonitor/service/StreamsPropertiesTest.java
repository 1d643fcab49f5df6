package dev.modelmonitor.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.config.MonitorConfig;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

  @Test
  void reportsWaitForTheirOtherInputAndCommitEverySecondUnlessTheUserSaysOtherwise() {
    MonitorConfig defaults = MonitorConfig.of(Map.of());
    assertThat(StreamsProperties.reports(defaults, null))
        .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 2_000L)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000L);
    assertThat(StreamsProperties.checks(defaults, null))
        .doesNotContainKey(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)
        .doesNotContainKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    assertThat(StreamsProperties.alerts(defaults, null))
        .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);

    MonitorConfig user = MonitorConfig.of(Map.of("kafka.max.task.idle.ms", "10000"));
    assertThat(StreamsProperties.reports(user, null))
        .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "10000");
  }
}
