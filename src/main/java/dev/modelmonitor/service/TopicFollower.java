package dev.modelmonitor.service;

import dev.modelmonitor.serde.WireFormatException;
import dev.modelmonitor.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a low-volume topic (alerts, reports) from a point in the past onwards on a thread of
 * its own, handing each decoded value to a listener. No consumer group: every instance of the
 * service sees every record, which is what a per-instance view (the UI) needs. Undecodable
 * records are skipped and counted: they reach the dead-letter topic through the topologies.
 */
public final class TopicFollower<V> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

  private final Topic<V> topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final BiConsumer<String, V> listener;
  private final Duration history;
  private final Thread thread;
  private volatile boolean caughtUp;
  private volatile long skipped;

  /**
   * @param history how far back to start reading
   */
  public TopicFollower(
      Topic<V> topic, Properties kafka, Duration history, BiConsumer<String, V> listener) {
    this.topic = topic;
    this.listener = listener;
    this.history = history;
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "follow-" + topic.name());
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** True once everything that was in the topic at start has been handed to the listener. */
  public boolean caughtUp() {
    return caughtUp;
  }

  public long skipped() {
    return skipped;
  }

  private void run() {
    try {
      List<TopicPartition> partitions = awaitPartitions();
      consumer.assign(partitions);
      Map<TopicPartition, Long> since = new HashMap<>();
      long from = Instant.now().minus(history).toEpochMilli();
      partitions.forEach(p -> since.put(p, from));
      Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      for (TopicPartition p : partitions) {
        OffsetAndTimestamp o = offsets.get(p);
        consumer.seek(p, o == null ? end.get(p) : o.offset());
      }
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          handle(record);
        }
        if (!caughtUp && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
          caughtUp = true;
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("stopped following {}", topic.name(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private List<TopicPartition> awaitPartitions() {
    while (true) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
      if (infos != null && !infos.isEmpty()) {
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        return partitions;
      }
      log.info("waiting for topic {} to exist", topic.name());
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> record) {
    V value;
    try {
      value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
    } catch (WireFormatException e) {
      skipped++;
      return;
    }
    if (value != null) {
      String key = record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
      listener.accept(key, value);
    }
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
