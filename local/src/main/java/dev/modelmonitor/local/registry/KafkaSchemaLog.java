package dev.modelmonitor.local.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The schema log on a compacted single-partition Kafka topic ({@code _schemas} by default, as
 * Confluent's): writes wait for the broker's acknowledgement from all in-sync replicas, reads go to
 * the end offset observed when they start.
 */
final class KafkaSchemaLog implements SchemaLog {
  private final String topic;
  private final TopicPartition partition;
  private final Duration timeout;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;

  private KafkaSchemaLog(String topic, Map<String, Object> clientProperties, Duration timeout) {
    this.topic = topic;
    this.partition = new TopicPartition(topic, 0);
    this.timeout = timeout;
    int timeoutMs = (int) timeout.toMillis();

    Map<String, Object> producerProps = new HashMap<>(clientProperties);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
    producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer");
    this.producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());

    Map<String, Object> consumerProps = new HashMap<>(clientProperties);
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    consumerProps.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader");
    this.consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
  }

  /**
   * Opens the log on {@code topic}, creating the topic (compacted, one partition) when missing.
   *
   * @param clientProperties Kafka client settings: bootstrap servers plus any security settings
   */
  static KafkaSchemaLog open(String topic, Map<String, Object> clientProperties, Duration timeout) {
    createTopicIfMissing(topic, clientProperties, timeout);
    return new KafkaSchemaLog(topic, clientProperties, timeout);
  }

  @Override
  public void append(String key, String value) {
    try {
      producer
          .send(new ProducerRecord<>(topic, 0, key, value))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw RegistryException.storeTimeout(
          "Write to the Kafka store (topic "
              + topic
              + ") timed out after "
              + timeout.toMillis()
              + " ms",
          e);
    } catch (ExecutionException e) {
      throw RegistryException.storeError(
          "Error while writing to the Kafka store (topic "
              + topic
              + "): "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.storeError("Interrupted while writing to the Kafka store", e);
    } catch (KafkaException e) {
      throw RegistryException.storeError(
          "Error while writing to the Kafka store (topic " + topic + "): " + e.getMessage(), e);
    }
  }

  @Override
  public void readToEnd(BiConsumer<String, String> reader) {
    try {
      long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (consumer.position(partition, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw RegistryException.storeTimeout(
              "Reading the Kafka store (topic " + topic + ") to offset " + end + " timed out",
              null);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
          reader.accept(record.key(), record.value());
        }
      }
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw RegistryException.storeTimeout(
          "Reading the Kafka store (topic "
              + topic
              + ") timed out after "
              + timeout.toMillis()
              + " ms",
          e);
    } catch (KafkaException e) {
      throw RegistryException.storeError(
          "Error while reading the Kafka store (topic " + topic + "): " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    consumer.close(Duration.ofSeconds(5));
  }

  private static void createTopicIfMissing(
      String topic, Map<String, Object> clientProperties, Duration timeout) {
    Map<String, Object> adminProps = new HashMap<>(clientProperties);
    adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (Admin admin = Admin.create(adminProps)) {
      if (admin
          .listTopics()
          .names()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .contains(topic)) {
        return;
      }
      int brokers =
          admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
      NewTopic newTopic =
          new NewTopic(topic, 1, (short) Math.min(3, Math.max(1, brokers)))
              .configs(Map.of("cleanup.policy", "compact"));
      admin.createTopics(Set.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "could not create the schema topic " + topic + ": " + e.getCause().getMessage(),
            e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not answer within "
              + timeout.toMillis()
              + " ms while creating the schema topic "
              + topic,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the schema topic " + topic, e);
    }
  }
}
