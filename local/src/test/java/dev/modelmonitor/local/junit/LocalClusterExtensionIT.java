package dev.modelmonitor.local.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.topic.MonitorTopic;
import dev.modelmonitor.topic.TopicNames;
import java.util.Arrays;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalClusterExtensionIT {
  private TestCluster fromBeforeAll;

  @BeforeAll
  void keep(TestCluster cluster) {
    fromBeforeAll = cluster;
  }

  @Test
  void injectsOneClusterPerTestClassWithAPrefixNamedAfterIt(TestCluster cluster) {
    assertThat(cluster).isSameAs(fromBeforeAll);
    assertThat(cluster.topicPrefix()).matches("LocalClusterExtensionIT-\\d+\\.");
    assertThat(cluster.mode())
        .isEqualTo(
            System.getProperty(LocalClusterExtension.MODE_PROPERTY, LocalClusterExtension.EMBEDDED));
    assertThat(cluster.bootstrapServers()).matches("[^:,]+:\\d+");
    assertThat(cluster.registryUrl()).startsWith("http://localhost:");
    assertThat(cluster.newTopicNames().prefix()).isNotEqualTo(cluster.topicPrefix());
  }

  @Test
  void createsThePipelineTopicsUnderTheClassPrefix(TestCluster cluster) throws Exception {
    TopicNames names = cluster.createTopics();
    try (Admin admin = Admin.create(cluster.clientProperties())) {
      Set<String> topics = admin.listTopics().names().get();
      assertThat(topics)
          .containsAll(Arrays.stream(MonitorTopic.values()).map(names::name).toList());
    }
  }

  @Nested
  class AnotherTestClass {
    @Test
    void sharesTheBrokerButNotThePrefix(TestCluster cluster) {
      assertThat(cluster.bootstrapServers()).isEqualTo(fromBeforeAll.bootstrapServers());
      assertThat(cluster.registryUrl()).isEqualTo(fromBeforeAll.registryUrl());
      assertThat(cluster.topicPrefix()).matches("AnotherTestClass-\\d+\\.");
    }
  }
}
