package dev.modelmonitor.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.streams.StreamsClose;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports task's prediction time survives a restart on a real broker (exactly-once): an
 * instance with an empty state directory restores it from the changelog, so a prediction for a
 * window that already reported is still late, and the window never reports twice.
 */
@ExtendWith(LocalClusterExtension.class)
class ReportsRestartIT {
  private static final String MODEL = "m";
  // Two days back, on the hour: inside the topics' retention, far from the future tolerance.
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS)
      .minus(Duration.ofDays(2));

  @TempDir Path dir;

  @Test
  void aRestoredTaskKeepsItsPredictionTimeSoAReportedWindowStaysClosed(TestCluster cluster)
      throws Exception {
    TopicNames names = cluster.createTopics(cluster.newTopicNames(), 1);
    Topics topics = new Topics(names, new HttpSchemaRegistryClient(cluster.registryUrl()));
    String applicationId = cluster.uniqueName("reports-restart");

    KafkaStreams first = start(cluster, topics, applicationId, dir.resolve("first"));
    send(cluster, topics, minutes(10), minutes(20), minutes(70)); // 70: window [0, 60) is due
    assertThat(read(cluster, names.reports(), topics.reports().valueSerde().deserializer(), 1))
        .extracting(ModelReport::getWindowStart, ModelReport::getEventCount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(minutes(0), 2L));
    // Commits, and leaves the group so that the next instance takes the task over at once.
    first.close(StreamsClose.leavingGroup(Duration.ofSeconds(30)));

    // An empty state directory: the task's stores come back from their changelogs.
    try (KafkaStreams second = start(cluster, topics, applicationId, dir.resolve("second"))) {
      // 30 is in the window that reported; 200 closes [60, 120), which shows 80 was processed.
      send(cluster, topics, minutes(30), minutes(80), minutes(200));
      assertThat(read(cluster, names.reports(), topics.reports().valueSerde().deserializer(), 2))
          .as("[0, 60) reported once, before the restart; then [60, 120)")
          .extracting(ModelReport::getWindowStart, ModelReport::getEventCount)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(minutes(0), 2L),
              org.assertj.core.groups.Tuple.tuple(minutes(60), 2L));
      assertThat(read(cluster, names.dlq(), topics.dlq().valueSerde().deserializer(), 1))
          .extracting(DeadLetter::getReason, DeadLetter::getSourceTimestamp)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("LATE", minutes(30)));
    }
  }

  private static KafkaStreams start(TestCluster cluster, Topics topics, String applicationId,
      Path state) {
    StreamsBuilder builder = new StreamsBuilder();
    ReportsTopology.addTo(builder,
        new PipelineContext(topics, new SimpleMeterRegistry(), Clock.systemUTC()),
        ReportsSettings.defaults());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.putAll(ReportsTopology.recommendedStreamsConfig());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    KafkaStreams streams = new KafkaStreams(builder.build(props), props);
    streams.start();
    await().atMost(Duration.ofSeconds(60))
        .until(() -> streams.state() == KafkaStreams.State.RUNNING);
    return streams;
  }

  private static void send(TestCluster cluster, Topics topics, Instant... times) {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, PredictionEvent> producer = new KafkaProducer<>(props,
        new StringSerializer(), topics.predictions().valueSerde().serializer())) {
      for (Instant t : times) {
        PredictionEvent event = PredictionEvent.newBuilder().setModelId(MODEL).setTimestamp(t)
            .setRequestId("r-" + t.toEpochMilli()).setFeatures(Map.of("x", 1.0))
            .setOutcome(Outcome.OK).build();
        producer.send(new ProducerRecord<>(topics.names().predictions(), null,
            t.toEpochMilli(), MODEL, event));
      }
      producer.flush();
    }
  }

  /** Waits for {@code count} records of {@code topic}, then returns every one there is. */
  private static <V> List<V> read(TestCluster cluster, String topic, Deserializer<V> values,
      int count) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, cluster.uniqueName("restart-reader"));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<V> read = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
          read.add(r.value());
        }
        return read.size() >= count;
      });
      // Anything more already committed arrives within a few polls.
      for (int i = 0; i < 5; i++) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
      }
    }
    return read;
  }

  private static Instant minutes(long m) {
    return T0.plus(Duration.ofMinutes(m));
  }
}
