package dev.modelmonitor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.registry.SchemaRegistryClient;
import dev.modelmonitor.schema.SampleRecords;
import dev.modelmonitor.serde.AvroSerde;
import dev.modelmonitor.topic.MonitorTopic;
import dev.modelmonitor.topic.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fully populated instance of every event type goes through the real broker and the schema
 * registry, in the Confluent wire format, onto its topic of DESIGN §3, and comes back equal.
 */
@ExtendWith(LocalClusterExtension.class)
class EveryEventTypeRoundTripIT {

  @Test
  void everyEventTypeComesBackEqualThroughBrokerAndRegistry(TestCluster cluster) {
    TopicNames names = cluster.createTopics();
    List<SpecificRecord> samples = SampleRecords.all();
    try (SchemaRegistryClient registry = new HttpSchemaRegistryClient(cluster.registryUrl())) {
      Map<String, List<SpecificRecord>> sentByTopic = new HashMap<>();
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              cluster.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
        for (SpecificRecord sample : samples) {
          MonitorTopic topic = topicOf(sample);
          String name = names.name(topic);
          byte[] value = serde(registry, topic).serializer().serialize(name, sample);
          producer.send(new ProducerRecord<>(name, "churn".getBytes(), value));
          sentByTopic.computeIfAbsent(name, n -> new ArrayList<>()).add(sample);
        }
        producer.flush();
      }

      for (MonitorTopic topic : MonitorTopic.values()) {
        String name = names.name(topic);
        List<SpecificRecord> received = new ArrayList<>();
        for (byte[] value : readValues(cluster, name, sentByTopic.get(name).size())) {
          received.add(serde(registry, topic).deserializer().deserialize(name, value));
        }
        assertThat(received).as(name).containsExactlyElementsOf(sentByTopic.get(name));
      }
      assertThat(registry.subjects())
          .containsAll(
              Arrays.stream(MonitorTopic.values()).map(t -> names.name(t) + "-value").toList());
    }
    assertThat(samples).hasSize(12);
  }

  @SuppressWarnings("unchecked")
  private static AvroSerde<SpecificRecord> serde(
      SchemaRegistryClient registry, MonitorTopic topic) {
    return AvroSerde.forValue(registry, (Class<SpecificRecord>) topic.valueType());
  }

  private static MonitorTopic topicOf(SpecificRecord record) {
    return Arrays.stream(MonitorTopic.values())
        .filter(topic -> topic.valueType() == record.getClass())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no topic carries " + record.getClass()));
  }

  private static List<byte[]> readValues(TestCluster cluster, String topic, int expected) {
    Map<String, Object> props = new HashMap<>(cluster.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, cluster.uniqueName("round-trip"));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<byte[]> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
