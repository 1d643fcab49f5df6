package dev.modelmonitor.checks;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.topic.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalClusterExtension.class)
class CoPartitioningIT {

  @Test
  void inputTopicsWithOnePartitionCountPass(TestCluster cluster) {
    TopicNames names = cluster.createTopics(cluster.newTopicNames(), 3);
    try (Admin admin = Admin.create(Map.<String, Object>copyOf(cluster.clientProperties()))) {
      assertThatCode(() -> ChecksTopology.verifyCoPartitioned(admin, names, Duration.ofSeconds(30)))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void aRequestTopicWithOtherPartitionsIsRefusedNamingTheCounts(TestCluster cluster)
      throws Exception {
    TopicNames names = cluster.newTopicNames();
    try (Admin admin = Admin.create(Map.<String, Object>copyOf(cluster.clientProperties()))) {
      admin.createTopics(List.of(new NewTopic(names.checkRequests(), 1, (short) 1))).all().get();
      cluster.createTopics(names, 2); // the rest, with two partitions

      assertThatThrownBy(() -> ChecksTopology.verifyCoPartitioned(admin, names,
              Duration.ofSeconds(30)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the checks need their input topics co-partitioned (the same partition "
              + "count) so a request meets its model's events, but they have {"
              + names.checkRequests() + "=1, " + names.labels() + "=2, " + names.predictions()
              + "=2, " + names.reference() + "=2, " + names.state() + "=2}; recreate them with "
              + "one partition count");
    }
  }

  @Test
  void aMissingTopicIsReportedWithWhatToDo(TestCluster cluster) {
    TopicNames names = cluster.newTopicNames();
    try (Admin admin = Admin.create(Map.<String, Object>copyOf(cluster.clientProperties()))) {
      assertThatThrownBy(() -> ChecksTopology.verifyCoPartitioned(admin, names,
              Duration.ofSeconds(30)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("cannot describe the checks' input topics")
          .hasMessageEndingWith("; create them with model-monitor topics create");
    }
  }
}
