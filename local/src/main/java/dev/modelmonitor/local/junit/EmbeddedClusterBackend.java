package dev.modelmonitor.local.junit;

import dev.modelmonitor.local.LocalCluster;
import java.time.Duration;

/** The in-process broker and registry of {@link LocalCluster}, on free ports. */
final class EmbeddedClusterBackend implements ClusterBackend {
  private final LocalCluster cluster;

  EmbeddedClusterBackend() {
    cluster = LocalCluster.builder().createTopics(false)
        // Tests replay fixed, often old, event times; time-based retention (checked 30 s after
        // start, then every 5 min) would delete them under a slow test run. Production keeps it,
        // and `produce` warns about it.
        .brokerProperty("log.initial.task.delay.ms", Long.toString(Duration.ofHours(6).toMillis()))
        .brokerProperty("log.retention.check.interval.ms", Long.toString(Duration.ofHours(6).toMillis()))
        .build();
    cluster.start();
  }

  @Override
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public String registryUrl() {
    return cluster.registryUrl();
  }

  @Override
  public void stopBroker() {
    cluster.broker().stop();
  }

  @Override
  public void startBroker() {
    cluster.broker().start();
  }

  @Override
  public boolean isBrokerRunning() {
    return cluster.broker().isRunning();
  }

  @Override
  public String mode() {
    return LocalClusterExtension.EMBEDDED;
  }

  @Override
  public void close() {
    cluster.close();
  }
}
