package dev.modelmonitor.alerts.rules;

import dev.modelmonitor.schema.AlertRule;
import dev.modelmonitor.streams.Durations;
import dev.modelmonitor.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The rules in force, as the compacted rules topic holds them: read it to its end, publish a
 * rule set (optionally deleting what the set does not name), or add only rules not yet there
 * (how the service applies the default rules without undoing an operator's changes).
 */
public final class RulesTopic {
  private final Properties clientProperties;
  private final Topic<AlertRule> topic;
  private final Duration timeout;

  /**
   * @param clientProperties bootstrap servers and any security settings of the Kafka clients
   * @param timeout bounds each step: connecting, reading to the end, acknowledging the sends
   */
  public RulesTopic(Properties clientProperties, Topic<AlertRule> topic, Duration timeout) {
    this.clientProperties = Objects.requireNonNull(clientProperties, "clientProperties");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** The rules in force and the records refused on the way; {@code topicExists} false when there is no topic. */
  public record InForce(Map<String, Rule> rules, List<String> refused, boolean topicExists) {
    public InForce {
      rules = java.util.Collections.unmodifiableMap(new TreeMap<>(rules));
      refused = List.copyOf(refused);
    }
  }

  /** What a publish changed, by rule id. */
  public record Applied(List<String> added, List<String> changed, List<String> unchanged, List<String> deleted) {
    public Applied {
      added = List.copyOf(added);
      changed = List.copyOf(changed);
      unchanged = List.copyOf(unchanged);
      deleted = List.copyOf(deleted);
    }
  }

  /** Reads the topic from its beginning to its current end. */
  public InForce read() {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Map<String, Rule> rules = new HashMap<>();
    List<String> refused = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(topic.name(), timeout);
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        throw unreachable();
      }
      if (infos == null || infos.isEmpty()) {
        return new InForce(rules, refused, false);
      }
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end;
      try {
        end = consumer.endOffsets(partitions, timeout);
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        throw unreachable();
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "reading " + topic.name() + " did not reach its end within " + timeout);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          try {
            Rule rule = RuleRecords.decode(topic, record.key(), record.value());
            if (rule == null) {
              rules.remove(record.key());
            } else {
              rules.put(rule.id(), rule);
            }
          } catch (RuleValidationException e) {
            refused.add("offset " + record.partition() + "/" + record.offset() + ": " + e.getMessage());
          }
        }
      }
    }
    return new InForce(rules, refused, true);
  }

  private IllegalStateException unreachable() {
    return new IllegalStateException("Kafka at " + clientProperties.getProperty("bootstrap.servers")
        + " did not answer within " + Durations.format(timeout)
        + "; is the broker running (model-monitor local) and --bootstrap-servers right?");
  }

  private InForce readExisting() {
    InForce current = read();
    if (!current.topicExists()) {
      throw new IllegalStateException("topic " + topic.name()
          + " does not exist; create the pipeline's topics first: model-monitor topics create");
    }
    return current;
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Publishes {@code rules} (validated as a set beforehand); with {@code prune}, deletes rules in
   * force that the set does not name. Unchanged rules are not re-sent.
   */
  public Applied publish(List<Rule> rules, boolean prune) {
    InForce current = readExisting();
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    Map<String, AlertRule> sends = new java.util.LinkedHashMap<>();
    Map<String, Rule> named = new HashMap<>();
    for (Rule rule : rules) {
      named.put(rule.id(), rule);
      Rule existing = current.rules().get(rule.id());
      if (existing == null) {
        added.add(rule.id());
        sends.put(rule.id(), rule.toAvro());
      } else if (existing.equals(rule)) {
        unchanged.add(rule.id());
      } else {
        changed.add(rule.id());
        sends.put(rule.id(), rule.toAvro());
      }
    }
    if (prune) {
      for (String id : current.rules().keySet()) {
        if (!named.containsKey(id)) {
          deleted.add(id);
          sends.put(id, null);
        }
      }
    }
    send(sends);
    return new Applied(added, changed, unchanged, deleted);
  }

  /** Publishes the rules whose id is not in force yet; returns their ids. */
  public List<String> publishMissing(List<Rule> rules) {
    InForce current = readExisting();
    Map<String, AlertRule> sends = new java.util.LinkedHashMap<>();
    for (Rule rule : rules) {
      if (!current.rules().containsKey(rule.id())) {
        sends.put(rule.id(), rule.toAvro());
      }
    }
    send(sends);
    return new ArrayList<>(sends.keySet());
  }

  /** Deletes rules by id (tombstones); returns the ids that were in force. */
  public List<String> delete(List<String> ids) {
    InForce current = readExisting();
    Map<String, AlertRule> sends = new java.util.LinkedHashMap<>();
    List<String> found = new ArrayList<>();
    for (String id : ids) {
      sends.put(id, null);
      if (current.rules().containsKey(id)) {
        found.add(id);
      }
    }
    send(sends);
    return found;
  }

  private void send(Map<String, AlertRule> records) {
    if (records.isEmpty()) {
      return;
    }
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    int request = (int) Math.min(Math.max(timeout.toMillis(), 1000), 30_000);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, request);
    // Must cover linger plus one request: Kafka refuses a smaller delivery timeout.
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), request) + 1000);
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (Map.Entry<String, AlertRule> e : records.entrySet()) {
        byte[] value =
            e.getValue() == null ? null : topic.valueSerde().serializer().serialize(topic.name(), e.getValue());
        acks.add(producer.send(new ProducerRecord<>(topic.name(), e.getKey(), value)));
      }
      producer.flush();
      for (Future<RecordMetadata> ack : acks) {
        ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("publishing rules to " + topic.name() + " failed: "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
      throw unreachable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing rules", e);
    }
  }
}
