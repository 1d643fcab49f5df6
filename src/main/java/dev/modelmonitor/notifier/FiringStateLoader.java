package dev.modelmonitor.notifier;

import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the alerts still firing in partitions the notifier was just assigned: it reads them from
 * {@code now - lookback} up to the group's committed offsets (alerts already notified) and keeps
 * the last record per alertId. Records after the committed offsets are not read here: the
 * notifier's consumer delivers them anyway.
 */
final class FiringStateLoader {
  private static final Logger log = LoggerFactory.getLogger(FiringStateLoader.class);
  private static final Duration MAX_READ = Duration.ofSeconds(60);

  /** A firing alert and the partition it was read from. */
  record Firing(Alert alert, TopicPartition partition) {}

  private FiringStateLoader() {}

  static List<Firing> firing(
      Properties consumerProperties,
      String topic,
      Collection<TopicPartition> partitions,
      Deserializer<Alert> deserializer,
      Duration lookback,
      Clock clock) {
    Properties props = new Properties();
    props.putAll(consumerProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Map<String, Firing> latest = new LinkedHashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Map<TopicPartition, Long> until = new HashMap<>();
      Map<TopicPartition, OffsetAndMetadata> committed =
          consumer.committed(new java.util.HashSet<>(partitions), Duration.ofSeconds(30));
      committed.forEach((tp, o) -> {
        if (o != null && o.offset() > 0) {
          until.put(tp, o.offset());
        }
      });
      if (until.isEmpty()) {
        return List.of();
      }
      consumer.assign(until.keySet());
      long from = clock.millis() - lookback.toMillis();
      Map<TopicPartition, Long> query = new HashMap<>();
      until.keySet().forEach(tp -> query.put(tp, from));
      Map<TopicPartition, OffsetAndTimestamp> starts =
          consumer.offsetsForTimes(query, Duration.ofSeconds(30));
      for (TopicPartition tp : List.copyOf(until.keySet())) {
        OffsetAndTimestamp start = starts.get(tp);
        if (start == null || start.offset() >= until.get(tp)) {
          until.remove(tp); // nothing in the lookback before the committed offset
        } else {
          consumer.seek(tp, start.offset());
        }
      }
      consumer.assign(until.keySet());
      long deadline = clock.millis() + MAX_READ.toMillis();
      while (!until.isEmpty() && clock.millis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          Long end = until.get(tp);
          if (end == null || record.offset() >= end) {
            continue;
          }
          try {
            Alert alert = deserializer.deserialize(topic, record.value());
            if (alert != null) {
              latest.remove(alert.getAlertId());
              latest.put(alert.getAlertId(), new Firing(alert, tp));
            }
          } catch (RuntimeException e) {
            // The notifier's consumer already dead-lettered it when it first came by.
            log.debug("skipping unreadable alert at {}-{}", tp, record.offset(), e);
          }
        }
        until.keySet().removeIf(tp -> consumer.position(tp) >= until.get(tp));
        consumer.assign(until.keySet());
      }
    }
    return latest.values().stream()
        .filter(f -> f.alert().getStatus() == AlertStatus.FIRING)
        .toList();
  }
}
