package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.topic.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying history against time-based retention: {@code produce} stops before sending events
 * older than the topics keep records, {@code --extend-retention} lifts the limit before sending,
 * and {@code --keep-retention} sends them under it.
 */
@ExtendWith(LocalClusterExtension.class)
class ProduceCommandIT {
  @Test
  void stopsBeforeSendingEventsOlderThanTheRetentionAndLiftsItOnRequest(TestCluster cluster,
      @TempDir Path dir)
      throws Exception {
    TopicNames names = cluster.createTopics();
    Path csv = Files.writeString(dir.resolve("old.csv"), "day,x,y\n2011-01-01,1,2\n2011-01-02,3,4\n");
    String[] produce = {"produce", "--model", "m", "--csv", csv.toString(), "--timestamp-column", "day",
        "--label-column", "y", "--bootstrap-servers", cluster.bootstrapServers(),
        "--schema-registry", cluster.registryUrl(), "--topic-prefix", names.prefix()};

    CliRun stopped = CliRun.run(produce);

    assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(1);
    assertThat(stopped.err()).endsWith("error: the oldest event time, 2011-01-01T00:00:00Z, is "
        + "older than the retention of " + names.predictions() + " (7d): the broker deletes "
        + "records by their timestamp and may drop these before the pipeline reads them; nothing "
        + "was sent. Rerun with --extend-retention for a backfill, or --keep-retention to send "
        + "them anyway" + System.lineSeparator());
    assertThat(stopped.out()).isEmpty();
    assertThat(endOffsets(cluster, names.predictions())).as("nothing sent").isZero();

    String[] kept = java.util.Arrays.copyOf(produce, produce.length + 1);
    kept[produce.length] = "--keep-retention";
    CliRun sent = CliRun.run(kept);
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    assertThat(sent.out()).isEqualTo("produced 2 prediction events to " + names.predictions()
        + " and 2 label events to " + names.labels() + " for model m" + System.lineSeparator());

    String[] extended = java.util.Arrays.copyOf(produce, produce.length + 1);
    extended[produce.length] = "--extend-retention";
    CliRun lifted = CliRun.run(extended);

    assertThat(lifted.exitCode()).as(lifted.err()).isZero();
    assertThat(lifted.err()).contains("retention.ms=-1 set on " + names.predictions() + ", " + names.labels())
        .doesNotContain("warning");
    try (Admin admin = Admin.create(cluster.clientProperties())) {
      for (String topic : List.of(names.predictions(), names.labels())) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<ConfigResource, org.apache.kafka.clients.admin.Config> configs =
            admin.describeConfigs(List.of(resource)).all().get();
        assertThat(configs.get(resource).get("retention.ms").value()).as(topic).isEqualTo("-1");
      }
    }
  }

  @Test
  void timesTheRowsOfAFileWithoutATimeColumnByTheirNumber(TestCluster cluster, @TempDir Path dir)
      throws Exception {
    TopicNames names = cluster.createTopics(cluster.newTopicNames(), 1);
    Path csv = Files.writeString(dir.resolve("daily.csv"), "TEMP,rain\n19.8,0\n26.8,1\n11,0\n");

    CliRun run = CliRun.run("produce", "--model", "w", "--csv", csv.toString(), "--rows", "2:3",
        "--first-row-time", "1999-01-01", "--row-interval", "1d", "--keep-retention",
        "--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry",
        cluster.registryUrl(), "--topic-prefix", names.prefix());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<Long> timestamps = new ArrayList<>();
    Map<String, Object> props = new HashMap<>(cluster.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, cluster.uniqueName("produce-times"));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(names.predictions()));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> timestamps.add(r.timestamp()));
        return timestamps.size() >= 2;
      });
    }
    assertThat(timestamps).containsExactly(Instant.parse("1999-01-02T00:00:00Z").toEpochMilli(),
        Instant.parse("1999-01-03T00:00:00Z").toEpochMilli());
  }

  private static long endOffsets(TestCluster cluster, String topic) throws Exception {
    try (Admin admin = Admin.create(cluster.clientProperties())) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (TopicPartitionInfo p : admin.describeTopics(List.of(topic)).allTopicNames().get()
          .get(topic).partitions()) {
        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
      }
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }
  }
}
