package dev.modelmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelmonitor.alerts.rules.RuleParser;
import dev.modelmonitor.alerts.rules.RulesTopic;
import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts topology in a real KafkaStreams on the in-process broker, with the recommended
 * settings: an error burst within steady traffic yields exactly one FIRING and, once the burst
 * has left the window, exactly one RESOLVED.
 */
@ExtendWith(LocalClusterExtension.class)
class AlertsTopologyIT {
  private static final String MODEL = "fraud";

  @TempDir Path stateDir;

  @Test
  void anErrorBurstFiresOnceAndResolvesOnce(TestCluster cluster) throws Exception {
    TopicNames names = cluster.createTopics(cluster.newTopicNames(), 2);
    HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(cluster.registryUrl());
    Topics topics = new Topics(names, registry);
    Properties clients = new Properties();
    clients.putAll(cluster.clientProperties());
    new RulesTopic(clients, topics.rules(), Duration.ofSeconds(30)).publish(RuleParser.parse("""
        rules:
          - id: burst
            metric: error_rate
            window: 3s
            op: ">"
            threshold: 0.2
            severity: critical
            params: {min_events: 10}
        """, "it"), false);

    StreamsBuilder builder = new StreamsBuilder();
    AlertsTopology.addTo(builder, new PipelineContext(topics, new SimpleMeterRegistry(), Clock.systemUTC()),
        AlertsSettings.defaults());
    Properties props = new Properties();
    props.putAll(clients);
    props.putAll(AlertsTopology.recommendedStreamsConfig());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, cluster.uniqueName("alerts-it"));
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);

    ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();
    AtomicLong sequence = new AtomicLong();
    try (KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        KafkaProducer<String, PredictionEvent> producer = producer(clients, registry);
        KafkaConsumer<String, Alert> alerts = consumer(clients, topics)) {
      streams.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
      List<TopicPartition> partitions = alerts.partitionsFor(names.alerts()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      alerts.assign(partitions);
      alerts.seekToBeginning(partitions);

      // Steady traffic: 100 OK predictions a second.
      background.scheduleAtFixedRate(
          () -> producer.send(record(names, Outcome.OK, sequence.incrementAndGet())), 0, 10, TimeUnit.MILLISECONDS);
      List<Alert> seen = new ArrayList<>();
      await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> {
        poll(alerts, seen);
        return seen.isEmpty();
      });

      for (int i = 0; i < 200; i++) {
        producer.send(record(names, Outcome.ERROR, sequence.incrementAndGet()));
      }
      producer.flush();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        poll(alerts, seen);
        return seen.stream().anyMatch(a -> a.getStatus() == AlertStatus.RESOLVED);
      });
      background.shutdownNow();
      background.awaitTermination(10, TimeUnit.SECONDS);
      producer.flush();
      // Everything emitted so far, to the end of the topic.
      Map<TopicPartition, Long> end = alerts.endOffsets(partitions);
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        poll(alerts, seen);
        return partitions.stream().allMatch(p -> alerts.position(p) >= end.get(p));
      });

      assertThat(seen).extracting(Alert::getStatus).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
      Alert firing = seen.get(0);
      Alert resolved = seen.get(1);
      assertThat(firing.getRuleId()).isEqualTo("burst");
      assertThat(firing.getModelId()).isEqualTo(MODEL);
      assertThat(firing.getValue()).isGreaterThan(0.2);
      assertThat(resolved.getAlertId()).isEqualTo(firing.getAlertId()).isEqualTo(AlertIds.of("burst", MODEL, Map.of()));
      assertThat(resolved.getStartsAt()).isEqualTo(firing.getStartsAt());
      assertThat(resolved.getEndsAt()).isAfter(firing.getStartsAt());
      assertThat(firing.getContext().get(1).getName()).isEqualTo("error TimeoutError");
      assertThat(firing.getContext().get(1).getScore()).isGreaterThan(10.0);
    } finally {
      background.shutdownNow();
      registry.close();
    }
  }

  private static ProducerRecord<String, PredictionEvent> record(TopicNames names, Outcome outcome, long n) {
    Instant now = Instant.now();
    PredictionEvent e = PredictionEvent.newBuilder()
        .setModelId(MODEL)
        .setModelVersion("3")
        .setTimestamp(now)
        .setRequestId("req-" + n)
        .setOutcome(outcome)
        .setError(outcome == Outcome.OK ? null : "TimeoutError")
        .setLatencyMicros(2_000L)
        .build();
    return new ProducerRecord<>(names.predictions(), null, now.toEpochMilli(), MODEL, e);
  }

  private static KafkaProducer<String, PredictionEvent> producer(Properties clients, HttpSchemaRegistryClient registry) {
    Properties props = new Properties();
    props.putAll(clients);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(props, new StringSerializer(), new AvroSerializer<>(registry));
  }

  private static KafkaConsumer<String, Alert> consumer(Properties clients, Topics topics) {
    Properties props = new Properties();
    props.putAll(clients);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new StringDeserializer(), topics.alerts().valueSerde().deserializer());
  }

  private static void poll(KafkaConsumer<String, Alert> consumer, List<Alert> into) {
    for (ConsumerRecord<String, Alert> r : consumer.poll(Duration.ofMillis(100))) {
      into.add(r.value());
    }
  }
}
