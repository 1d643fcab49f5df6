package dev.modelmonitor.report;

import dev.modelmonitor.local.KafkaUnreachableException;
import dev.modelmonitor.registry.SchemaRegistryException;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.serde.WireFormatException;
import dev.modelmonitor.topic.Topic;
import dev.modelmonitor.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads reports and reference profiles back from Kafka, from a start offset to the end offsets
 * taken when the read begins: an {@code assign()}ed consumer, no consumer group, nothing committed,
 * committed records only ({@code read_committed}). Bounded: a broker that does not answer within
 * the timeout, or a read that stops making progress for that long, ends in a {@link
 * KafkaUnreachableException}.
 *
 * <p>With a start time, each partition is read from the first record whose timestamp is at or after
 * it ({@code offsetsForTimes}); a report's record timestamp is at or after its window start (it is
 * emitted when the window closes), so no report whose window starts at or after that time is
 * missed. Records that cannot be decoded are skipped and counted (the topologies dead-letter them).
 */
public final class ReportReader {
  private final Properties kafka;
  private final Topics topics;
  private final Duration timeout;

  /**
   * @param kafka client properties (bootstrap servers and any {@code kafka.*} passthrough)
   * @param timeout how long Kafka may take to answer, and a read may go without progress
   */
  public ReportReader(Properties kafka, Topics topics, Duration timeout) {
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * What a read found.
   *
   * @param values the decoded values that matched
   * @param records records read
   * @param skipped records that could not be decoded
   */
  public record Result<T>(List<T> values, long records, long skipped) {}

  /**
   * The reports of {@code model} (every model when null) whose window starts in {@code [from, to)}
   * (either bound may be null), by model and window start; a window reported twice counts once, as
   * its last report.
   *
   * @throws TopicMissingException when the reports topic does not exist
   */
  public Result<ModelReport> reports(
      String model, Instant from, Instant to, ReadProgress progress) {
    Map<String, ModelReport> byWindow = new LinkedHashMap<>();
    long[] counts =
        read(
            topics.reports(),
            model,
            from,
            progress,
            (key, report) -> {
              if (report == null || (model != null && !model.equals(report.getModelId()))) {
                return;
              }
              Instant start = report.getWindowStart();
              if ((from == null || !start.isBefore(from)) && (to == null || start.isBefore(to))) {
                byWindow.put(report.getModelId() + "\u0000" + start.toEpochMilli(), report);
              }
            });
    List<ModelReport> reports = new ArrayList<>(byWindow.values());
    reports.sort(
        Comparator.comparing(ModelReport::getModelId).thenComparing(ModelReport::getWindowStart));
    return new Result<>(reports, counts[0], counts[1]);
  }

  /**
   * Every reference profile on the reference topic (of {@code model} only when not null); none when
   * the topic does not exist.
   */
  public References references(String model, ReadProgress progress) {
    References references = new References();
    try {
      read(
          topics.reference(),
          model,
          null,
          progress,
          (key, profile) -> {
            if (profile == null) {
              if (key != null) {
                references.remove(key);
              }
            } else if (model == null || model.equals(profile.getModelId())) {
              references.add(profile);
            }
          });
    } catch (TopicMissingException e) {
      return References.none();
    }
    return references;
  }

  /** Reads {@code topic} to its current end; returns {records, skipped}. */
  private <V> long[] read(
      Topic<V> topic,
      String model,
      Instant from,
      ReadProgress progress,
      BiConsumer<String, V> sink) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout.toMillis()));
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    long records = 0;
    long skipped = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer, topic.name());
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Map<TopicPartition, Long> start =
          from == null
              ? consumer.beginningOffsets(partitions, timeout)
              : startOffsets(consumer, partitions, from, end);
      long total = 0;
      Map<TopicPartition, Long> remaining = new HashMap<>();
      for (TopicPartition p : partitions) {
        consumer.seek(p, start.get(p));
        if (start.get(p) < end.get(p)) {
          remaining.put(p, end.get(p));
          total += end.get(p) - start.get(p);
        }
      }
      progress.update(topic.name(), 0, total, remaining.isEmpty());
      long lastProgress = System.nanoTime();
      while (!remaining.isEmpty()) {
        boolean any = false;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition p = new TopicPartition(r.topic(), r.partition());
          Long stop = remaining.get(p);
          if (stop == null || r.offset() >= stop) {
            continue;
          }
          any = true;
          records++;
          String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
          if (model != null && key != null && !model.equals(key)) {
            continue; // keyed by model id: skip other models without decoding them
          }
          try {
            sink.accept(
                key,
                r.value() == null
                    ? null
                    : topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
          } catch (WireFormatException e) {
            skipped++;
          }
        }
        for (TopicPartition p : new ArrayList<>(remaining.keySet())) {
          if (consumer.position(p, timeout) >= remaining.get(p)) {
            remaining.remove(p);
          }
        }
        if (any) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
          throw unreachable(null);
        }
        progress.update(topic.name(), records, total, remaining.isEmpty());
      }
    } catch (TimeoutException e) {
      throw unreachable(e);
    } catch (SchemaRegistryException e) {
      throw new IllegalStateException(
          "cannot read the schemas of "
              + topic.name()
              + " from the schema registry at "
              + topics.registry().url()
              + ": "
              + e.getMessage()
              + "; is --schema-registry right?",
          e);
    } catch (KafkaException e) {
      if (e instanceof TopicMissingException t) {
        throw t;
      }
      throw new IllegalStateException("reading " + topic.name() + " failed: " + e.getMessage(), e);
    }
    return new long[] {records, skipped};
  }

  private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
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

  private Map<TopicPartition, Long> startOffsets(
      KafkaConsumer<?, ?> consumer,
      List<TopicPartition> partitions,
      Instant from,
      Map<TopicPartition, Long> end) {
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

  private KafkaUnreachableException unreachable(Throwable cause) {
    return new KafkaUnreachableException(
        "Kafka at "
            + kafka.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
            + " did not answer within "
            + dev.modelmonitor.streams.Durations.format(timeout),
        cause);
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
