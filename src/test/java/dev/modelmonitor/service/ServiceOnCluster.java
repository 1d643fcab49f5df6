package dev.modelmonitor.service;

import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.local.junit.TestCluster;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The service settings every service IT starts from: the test's cluster, prefix and state. */
final class ServiceOnCluster {
  private ServiceOnCluster() {}

  /** Settings for a service on {@code cluster} (2 partitions, a free HTTP port); add to them. */
  static Map<String, Object> settings(TestCluster cluster, Path state, String applicationId) {
    Map<String, Object> values = new HashMap<>();
    values.put(MonitorConfig.KAFKA_BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    values.put(MonitorConfig.SCHEMA_REGISTRY_URL, cluster.registryUrl());
    values.put(MonitorConfig.TOPICS_PREFIX, cluster.topicPrefix());
    values.put(MonitorConfig.TOPICS_PARTITIONS, 2);
    values.put(MonitorConfig.HTTP_PORT, 0);
    values.put(MonitorConfig.STATE_DIR, state.toString());
    values.put(MonitorConfig.APPLICATION_ID, applicationId);
    return values;
  }
}
