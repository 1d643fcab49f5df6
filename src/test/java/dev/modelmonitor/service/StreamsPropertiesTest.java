package dev.modelmonitor.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.config.MonitorConfig;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {
  private static Object threads(java.util.Properties props) {
    return props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
  }

  @Test
  void everyApplicationRunsOneStreamThreadByDefault() {
    MonitorConfig config = MonitorConfig.of(Map.of());

    assertThat(threads(StreamsProperties.checks(config, null))).isEqualTo(1);
    assertThat(threads(StreamsProperties.reports(config, null))).isEqualTo(1);
    assertThat(threads(StreamsProperties.alerts(config, null))).isEqualTo(1);
  }

  @Test
  void theChecksCommitEverySecondByDefaultAndAsConfigured() {
    assertThat(StreamsProperties.checks(MonitorConfig.of(Map.of()), null)
        .get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(1000L);
    assertThat(StreamsProperties.checks(
            MonitorConfig.of(Map.of(MonitorConfig.CHECKS_COMMIT_INTERVAL, "250ms")), null)
        .get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(250L);
  }

  @Test
  void theChecksThreadsAreSetApartFromTheOthers() {
    MonitorConfig config = MonitorConfig.of(
        Map.of(MonitorConfig.CHECKS_STREAMS_THREADS, "3", MonitorConfig.STREAMS_THREADS, "4"));

    assertThat(threads(StreamsProperties.checks(config, null))).isEqualTo(3);
    assertThat(threads(StreamsProperties.reports(config, null))).isEqualTo(4);
    assertThat(threads(StreamsProperties.alerts(config, null))).isEqualTo(4);
  }

  @Test
  void reportsNeverIdleForAnInputAndCommitEverySecondUnlessTheUserSaysOtherwise() {
    MonitorConfig defaults = MonitorConfig.of(Map.of());
    assertThat(StreamsProperties.reports(defaults, null))
        .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000L);
    assertThat(StreamsProperties.checks(defaults, null))
        .doesNotContainKey(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG);
    assertThat(StreamsProperties.alerts(defaults, null))
        .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);

    MonitorConfig user = MonitorConfig.of(Map.of("kafka.max.task.idle.ms", "10000"));
    assertThat(StreamsProperties.reports(user, null))
        .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "10000");
  }

  @Test
  void everyAppRoutesGlobalStoreProcessingErrorsThroughTheProcessingExceptionHandler() {
    MonitorConfig defaults = MonitorConfig.of(Map.of());
    for (Properties props : List.of(StreamsProperties.alerts(defaults, null),
        StreamsProperties.reports(defaults, null), StreamsProperties.checks(defaults, null))) {
      assertThat(props)
          .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true)
          .containsEntry(StreamsConfig.mainConsumerPrefix(
              StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
    }
  }
}
