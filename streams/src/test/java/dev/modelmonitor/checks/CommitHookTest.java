package dev.modelmonitor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the Kafka Streams behaviour {@link CommitHook} relies on: the caches of stores that
 * implement its internal {@code CachedStateStore} are flushed before each commit. Should an
 * upgrade change that, the open minutes would stay in memory, and this test fails.
 */
class CommitHookTest {
  @TempDir Path stateDir;

  @Test
  void eachCommitWritesTheOpenMinutesToTheChangeloggedStores() {
    try (ChecksDriver checks = new ChecksDriver(ChecksSettings.defaults(), stateDir)) {
      checks.send(checks.prediction("m", Map.of()).build());
      checks.send(checks.prediction("m", Map.of()).build());
      KeyValueStore<String, byte[]> deltas =
          checks.driver.getKeyValueStore(ChecksTopology.DELTAS_STORE);
      WindowStore<String, byte[]> minutes =
          checks.driver.getWindowStore(ChecksTopology.MINUTES_STORE);
      long minute = MinuteStores.floorMinute(checks.now().toEpochMilli());

      // The driver commits after each record; commits within a second rewrite one delta.
      assertThat(keys(deltas)).containsExactly(MinuteStores.deltaKey("m", minute, 0));
      assertThat(MinuteBucket.fromBytes(deltas.get(MinuteStores.deltaKey("m", minute, 0)))
          .predictions).isEqualTo(2);

      // Past the end of 12:00 and its close delay: the next commit closes it.
      checks.advance(Duration.ofMillis(
          OpenMinutes.closesAt("m", minute) - checks.now().toEpochMilli()));
      checks.send(checks.prediction("m", Map.of()).build());

      long current = MinuteStores.floorMinute(checks.now().toEpochMilli());
      assertThat(keys(deltas)).containsExactly(MinuteStores.deltaKey("m", current, 0));
      assertThat(MinuteBucket.fromBytes(minutes.fetch("m", minute)).predictions).isEqualTo(2);
    }
  }

  private static List<String> keys(KeyValueStore<String, byte[]> store) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      all.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }
}
