package dev.modelmonitor.api;

import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.topic.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Writes alerts and reports to a test cluster's topics as the pipeline does: keyed by model,
 * stamped with the alert's emission time or the report's window end; each send waits for the
 * broker's acknowledgement.
 */
public final class TopicWriter implements AutoCloseable {
  private final TopicNames names;
  private final KafkaProducer<String, SpecificRecord> producer;

  public TopicWriter(TestCluster cluster, TopicNames names) {
    this.names = names;
    Map<String, Object> props = new HashMap<>(cluster.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // Kafka 4.4's idempotent producer can loop on OUT_OF_ORDER_SEQUENCE_NUMBER when batches in
    // flight to a brand-new partition meet NOT_LEADER_OR_FOLLOWER first.
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    this.producer = new KafkaProducer<>(props, new StringSerializer(),
        new AvroSerializer<>(new HttpSchemaRegistryClient(cluster.registryUrl())));
    for (String topic : List.of(names.alerts(), names.reports())) {
      Awaitility.await("leaders of " + topic).atMost(Duration.ofSeconds(60))
          .until(() -> producer.partitionsFor(topic).stream().allMatch(p -> p.leader() != null));
    }
  }

  public void alert(Alert alert) {
    send(names.alerts(), alert.getModelId(), alert.getEmittedAt(), alert);
  }

  public void report(ModelReport report) {
    send(names.reports(), report.getModelId(), report.getWindowEnd(), report);
  }

  private void send(String topic, String key, Instant time, SpecificRecord value) {
    try {
      producer.send(new ProducerRecord<>(topic, null, time.toEpochMilli(), key, value)).get();
    } catch (ExecutionException e) {
      throw new AssertionError("the broker refused a record: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
