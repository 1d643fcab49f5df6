package dev.modelmonitor.cli;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Backfills against time-based retention. The broker deletes records by their timestamp, and a
 * replay stamps them with their event time, so events older than a topic's {@code retention.ms}
 * may be deleted (at the next retention check, within minutes) before the pipeline reads them.
 */
final class RetentionGuard {
  private final Admin admin;
  private final Duration timeout;

  RetentionGuard(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /** The topic's {@code retention.ms}; negative when unlimited. */
  long retentionMs(String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Map<ConfigResource, Config> configs = await(admin.describeConfigs(List.of(resource)).all(), topic);
    ConfigEntry entry = configs.get(resource).get(TopicConfig.RETENTION_MS_CONFIG);
    return entry == null || entry.value() == null ? -1 : Long.parseLong(entry.value());
  }

  /** Sets {@code retention.ms=-1} on {@code topics}: nothing is deleted by age any more. */
  void unlimit(Collection<String> topics) {
    AlterConfigOp unlimited = new AlterConfigOp(
        new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET);
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
    for (String topic : topics) {
      changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(unlimited));
    }
    await(admin.incrementalAlterConfigs(changes).all(), String.join(", ", topics));
  }

  private <T> T await(KafkaFuture<T> future, String topics) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read or change the retention of " + topics + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within " + timeout.toMillis()
          + " ms about the retention of " + topics, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
