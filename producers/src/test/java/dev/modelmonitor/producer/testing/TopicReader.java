package dev.modelmonitor.producer.testing;

import static org.awaitility.Awaitility.await;

import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.serde.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic back from the start through the schema registry, as any consumer of the
 * pipeline would: keys as strings, values as Avro in the Confluent wire format.
 */
public final class TopicReader<T extends SpecificRecord> implements AutoCloseable {
  /** A record read back: key, value and the record timestamp. */
  public record Read<T>(String key, T value, long timestamp) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final AvroDeserializer<T> values;
  private final String topic;
  private final List<Read<T>> read = new ArrayList<>();

  public TopicReader(String bootstrapServers, String registryUrl, String topic, Class<T> type) {
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.values = new AvroDeserializer<>(new HttpSchemaRegistryClient(registryUrl), type);
    this.topic = topic;
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls until the records read so far satisfy {@code done}; returns them all. */
  public List<Read<T>> readUntil(Predicate<List<Read<T>>> done, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(1)).until(() -> {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        read.add(new Read<>(r.key(), values.deserialize(topic, r.value()), r.timestamp()));
      }
      return done.test(read);
    });
    return List.copyOf(read);
  }

  /** Polls until at least {@code count} records were read. */
  public List<T> read(int count) {
    return readUntil(all -> all.size() >= count, Duration.ofSeconds(30)).stream().map(Read::value).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
