package dev.modelmonitor.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads what a topic holds from a time (or from its beginning) up to the end offsets taken when
 * the read begins, on an {@code assign()}ed consumer of no group: how the CLI and the service read
 * reports, references and alerts back. Bounded: Kafka must answer, and the read progress, within
 * the timeout. The consumer is left at those end offsets, so a caller can go on following the
 * topic.
 *
 * <p>With a start time, each partition is read from its first record whose timestamp is at or
 * after it ({@code offsetsForTimes}).
 */
public final class TopicBacklog {
  private TopicBacklog() {}

  /**
   * Consumer properties for such a read over {@code kafka}'s: no group, nothing committed,
   * committed records only ({@code read_committed}), Kafka's answers awaited {@code timeout}.
   */
  public static Properties consumerProperties(Properties kafka, Duration timeout) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout.toMillis()));
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return props;
  }

  /**
   * Assigns every partition of {@code topic} to {@code consumer} and hands each record from
   * {@code from} (the beginning when null) to the end offsets of now to {@code sink}, partitions
   * interleaved; records polled past those offsets are handed over too.
   *
   * @return the records handed over
   * @throws TopicMissingException when the topic does not exist
   * @throws TimeoutException when Kafka does not answer, or the read makes no progress, within
   *     {@code timeout}
   */
  public static long read(KafkaConsumer<byte[], byte[]> consumer, String topic, Instant from,
      Duration timeout, ReadProgress progress, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    List<TopicPartition> partitions = partitions(consumer, topic, timeout);
    consumer.assign(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    Map<TopicPartition, Long> start = from == null
        ? consumer.beginningOffsets(partitions, timeout)
        : startOffsets(consumer, partitions, from, end, timeout);
    long total = 0;
    Map<TopicPartition, Long> remaining = new HashMap<>();
    for (TopicPartition p : partitions) {
      consumer.seek(p, start.get(p));
      if (start.get(p) < end.get(p)) {
        remaining.put(p, end.get(p));
        total += end.get(p) - start.get(p);
      }
    }
    progress.update(topic, 0, total, remaining.isEmpty());
    long records = 0;
    long lastProgress = System.nanoTime();
    while (!remaining.isEmpty()) {
      boolean any = false;
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        any = true;
        records++;
        sink.accept(r);
      }
      for (TopicPartition p : new ArrayList<>(remaining.keySet())) {
        if (consumer.position(p, timeout) >= remaining.get(p)) {
          remaining.remove(p);
        }
      }
      if (any) {
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
        throw new TimeoutException("no records of " + topic + " within " + timeout);
      }
      progress.update(topic, Math.min(records, total), total, remaining.isEmpty());
    }
    return records;
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic,
      Duration timeout) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new TopicMissingException(topic);
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo i : infos) {
      partitions.add(new TopicPartition(topic, i.partition()));
    }
    return partitions;
  }

  private static Map<TopicPartition, Long> startOffsets(KafkaConsumer<?, ?> consumer,
      List<TopicPartition> partitions, Instant from, Map<TopicPartition, Long> end,
      Duration timeout) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, Math.max(0, from.toEpochMilli())));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
    Map<TopicPartition, Long> start = new HashMap<>();
    for (TopicPartition p : partitions) {
      OffsetAndTimestamp o = found.get(p);
      start.put(p, o == null ? end.get(p) : o.offset());
    }
    return start;
  }

  /** The topic to read does not exist (topics not created, or a wrong prefix). */
  public static final class TopicMissingException extends KafkaException {
    private final String topic;

    TopicMissingException(String topic) {
      super("topic " + topic + " does not exist");
      this.topic = topic;
    }

    public String topic() {
      return topic;
    }
  }
}
