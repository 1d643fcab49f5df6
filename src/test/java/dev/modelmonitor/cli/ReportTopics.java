package dev.modelmonitor.cli;

import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.topic.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes reports and references (and bad bytes) to a test cluster's topics, as the pipeline
 * would.
 */
final class ReportTopics implements AutoCloseable {
  private final TopicNames names;
  private final KafkaProducer<String, SpecificRecord> producer;
  private final KafkaProducer<String, byte[]> raw;
  private final List<Future<?>> sent = new ArrayList<>();

  ReportTopics(TestCluster cluster, TopicNames names) {
    this.names = names;
    Map<String, Object> props = new HashMap<>(cluster.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // Kafka 4.4's idempotent producer can loop on OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery
    // timeout when batches in flight to a brand-new partition meet NOT_LEADER_OR_FOLLOWER first.
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    this.producer =
        new KafkaProducer<>(
            props,
            new StringSerializer(),
            new AvroSerializer<>(new HttpSchemaRegistryClient(cluster.registryUrl())));
    this.raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    for (String topic : List.of(names.reports(), names.reference())) {
      Awaitility.await("leaders of " + topic)
          .atMost(Duration.ofSeconds(60))
          .until(() -> producer.partitionsFor(topic).stream().allMatch(p -> p.leader() != null));
    }
  }

  /**
   * Sends {@code report} keyed by its model, stamped with its window end as the topology does (the
   * broker refuses timestamps more than an hour ahead of its clock, so windows must have ended).
   */
  void report(dev.modelmonitor.schema.ModelReport report) {
    send(names.reports(), report.getModelId(), report.getWindowEnd(), report);
  }

  void reference(dev.modelmonitor.schema.ReferenceProfile reference) {
    send(names.reference(), reference.getModelId(), reference.getCreatedAt(), reference);
  }

  /** A record that is not in the wire format. */
  void garbage(String key, Instant time) {
    raw.send(
        new ProducerRecord<>(
            names.reports(), null, time.toEpochMilli(), key, new byte[] {42, 1, 2}));
    raw.flush();
  }

  /** Waits until everything sent is acknowledged; fails on the first send the broker refused. */
  void flush() {
    producer.flush();
    for (Future<?> f : sent) {
      try {
        f.get();
      } catch (ExecutionException e) {
        throw new AssertionError("the broker refused a record: " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    sent.clear();
  }

  private void send(String topic, String key, Instant time, SpecificRecord value) {
    sent.add(producer.send(new ProducerRecord<>(topic, null, time.toEpochMilli(), key, value)));
  }

  @Override
  public void close() {
    producer.close();
    raw.close();
  }
}
