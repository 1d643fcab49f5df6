package dev.modelmonitor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dedicated broker (not the shared one): these tests stop it and reopen its data directory. */
class EmbeddedKafkaBrokerIT {
  @TempDir Path dataDir;

  @Test
  void restartsOnTheSamePortAndKeepsItsRecords() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build()) {
      broker.start();
      int port = broker.port();
      createTopic(broker.bootstrapServers(), "restart");
      produce(broker.bootstrapServers(), "restart", "before-stop");

      broker.stop();
      assertThat(broker.isRunning()).isFalse();
      assertThat(accepts(port)).isFalse();

      broker.start();
      assertThat(broker.port()).isEqualTo(port);
      produce(broker.bootstrapServers(), "restart", "after-start");
      assertThat(readAll(broker.bootstrapServers(), "restart", 2))
          .containsExactly("before-stop", "after-start");
    }
  }

  @Test
  void aNewBrokerOnTheSameDataDirectoryFindsTheOldRecords() throws Exception {
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().dataDir(dataDir).build()) {
      first.start();
      createTopic(first.bootstrapServers(), "survivor");
      produce(first.bootstrapServers(), "survivor", "kept");
    }
    try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().dataDir(dataDir).build()) {
      second.start();
      assertThat(readAll(second.bootstrapServers(), "survivor", 1)).containsExactly("kept");
    }
    assertThat(dataDir.resolve("kafka/meta.properties")).exists();
  }

  @Test
  void refusesAPortThatIsTaken() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      EmbeddedKafkaBroker broker =
          EmbeddedKafkaBroker.builder().port(taken.getLocalPort()).dataDir(dataDir).build();
      assertThatThrownBy(broker::start)
          .isInstanceOf(PortInUseException.class)
          .hasMessage(
              "Kafka port " + taken.getLocalPort() + " is already in use by another process");
      assertThat(broker.isRunning()).isFalse();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 1000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  static void createTopic(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
  }

  static void produce(String bootstrap, String topic, String value) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "key", value)).get();
    }
  }

  static List<String> readAll(String bootstrap, String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", bootstrap, "group.id", "it-" + UUID.randomUUID()),
            new StringDeserializer(),
            new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
