package dev.modelmonitor.report;

import dev.modelmonitor.client.ReadProgress;
import dev.modelmonitor.client.TopicBacklog;
import dev.modelmonitor.client.TopicBacklog.TopicMissingException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads reports and reference profiles back from Kafka, from a start offset to the end offsets
 * taken when the read begins ({@link TopicBacklog}: no consumer group, nothing committed,
 * committed records only). Bounded: a broker that does not answer within the timeout, or a read
 * that stops making progress for that long, ends in a {@link KafkaUnreachableException}.
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
    Properties props = TopicBacklog.consumerProperties(kafka, timeout);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    long[] skipped = {0};
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      long records = TopicBacklog.read(consumer, topic.name(), from, timeout, progress, r -> {
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        if (model != null && key != null && !model.equals(key)) {
          return; // keyed by model id: skip other models without decoding them
        }
        try {
          sink.accept(key, r.value() == null ? null
              : topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
        } catch (WireFormatException e) {
          skipped[0]++;
        }
      });
      return new long[] {records, skipped[0]};
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
  }

  private KafkaUnreachableException unreachable(Throwable cause) {
    return new KafkaUnreachableException(
        "Kafka at "
            + kafka.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
            + " did not answer within "
            + dev.modelmonitor.streams.Durations.format(timeout),
        cause);
  }
}
