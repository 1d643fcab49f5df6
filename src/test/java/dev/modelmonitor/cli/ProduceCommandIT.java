package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.topic.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying history against time-based retention: {@code produce} warns when its events are older
 * than the topics keep records, and {@code --extend-retention} lifts the limit before sending.
 */
@ExtendWith(LocalClusterExtension.class)
class ProduceCommandIT {
  @Test
  void warnsAboutEventsOlderThanTheRetentionAndLiftsItOnRequest(TestCluster cluster, @TempDir Path dir)
      throws Exception {
    TopicNames names = cluster.createTopics();
    Path csv = Files.writeString(dir.resolve("old.csv"), "day,x,y\n2011-01-01,1,2\n2011-01-02,3,4\n");
    String[] produce = {"produce", "--model", "m", "--csv", csv.toString(), "--timestamp-column", "day",
        "--label-column", "y", "--bootstrap-servers", cluster.bootstrapServers(),
        "--schema-registry", cluster.registryUrl(), "--topic-prefix", names.prefix()};

    CliRun warned = CliRun.run(produce);

    assertThat(warned.exitCode()).as(warned.err()).isZero();
    assertThat(warned.err()).contains("warning: the oldest event time, 2011-01-01T00:00:00Z, is older than the "
        + "retention of " + names.predictions() + " (7d)").contains("rerun with --extend-retention");
    assertThat(warned.out()).contains("produced 2 prediction events and 2 label events");

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
}
