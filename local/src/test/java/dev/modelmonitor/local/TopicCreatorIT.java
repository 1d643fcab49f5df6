package dev.modelmonitor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.topic.MonitorTopic;
import dev.modelmonitor.topic.TopicNames;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalClusterExtension.class)
class TopicCreatorIT {

  @Test
  void createsEveryPipelineTopicWithItsConfigsAndFindsThemTheSecondTime(TestCluster cluster)
      throws Exception {
    TopicNames names = cluster.newTopicNames();
    TopicCreator creator = new TopicCreator(cluster.clientProperties(), Duration.ofSeconds(15));
    List<String> all = Arrays.stream(MonitorTopic.values()).map(names::name).toList();

    TopicCreator.Result first = creator.create(names, Optional.of(2), Optional.of((short) 1));
    assertThat(first.created()).containsExactlyElementsOf(all);
    assertThat(first.existing()).isEmpty();

    TopicCreator.Result second = creator.create(names, Optional.of(2), Optional.empty());
    assertThat(second.created()).isEmpty();
    assertThat(second.existing()).containsExactlyElementsOf(all);

    try (Admin admin = Admin.create(cluster.clientProperties())) {
      TopicDescription predictions =
          admin
              .describeTopics(List.of(names.predictions()))
              .allTopicNames()
              .get()
              .get(names.predictions());
      assertThat(predictions.partitions()).hasSize(2);
      assertThat(predictions.partitions().get(0).replicas()).hasSize(1);
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(
                  List.of(
                      new ConfigResource(ConfigResource.Type.TOPIC, names.predictions()),
                      new ConfigResource(ConfigResource.Type.TOPIC, names.rules()),
                      new ConfigResource(ConfigResource.Type.TOPIC, names.reports())))
              .all()
              .get();
      Config predictionsConfig =
          configs.get(new ConfigResource(ConfigResource.Type.TOPIC, names.predictions()));
      assertThat(predictionsConfig.get("cleanup.policy").value()).isEqualTo("delete");
      assertThat(predictionsConfig.get("retention.ms").value())
          .isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
      assertThat(
              configs
                  .get(new ConfigResource(ConfigResource.Type.TOPIC, names.rules()))
                  .get("cleanup.policy")
                  .value())
          .isEqualTo("compact");
      assertThat(
              configs
                  .get(new ConfigResource(ConfigResource.Type.TOPIC, names.reports()))
                  .get("retention.ms")
                  .value())
          .isEqualTo(Long.toString(Duration.ofDays(90).toMillis()));
    }
  }

  @Test
  void anUnreachableBrokerIsReportedAfterTheTimeout() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    TopicCreator creator =
        new TopicCreator(
            Map.of("bootstrap.servers", "localhost:" + closedPort), Duration.ofSeconds(2));
    assertThatThrownBy(
            () -> creator.create(TopicNames.defaults(), Optional.empty(), Optional.empty()))
        .isInstanceOf(KafkaUnreachableException.class)
        .hasMessage("Kafka at localhost:" + closedPort + " did not answer within 2 s");
  }

  @Test
  void anUnresolvableBrokerAddressIsReportedAtOnce() {
    TopicCreator creator =
        new TopicCreator(
            Map.of("bootstrap.servers", "no-such-host.invalid:9092"), Duration.ofSeconds(2));
    assertThatThrownBy(
            () -> creator.create(TopicNames.defaults(), Optional.empty(), Optional.empty()))
        .isInstanceOf(KafkaUnreachableException.class)
        .hasMessageStartingWith("cannot connect to Kafka at no-such-host.invalid:9092: ");
  }
}
