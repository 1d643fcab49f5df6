package dev.modelmonitor.local.junit;

import dev.modelmonitor.local.LocalCluster;

/** The in-process broker and registry of {@link LocalCluster}, on free ports. */
final class EmbeddedClusterBackend implements ClusterBackend {
  private final LocalCluster cluster;

  EmbeddedClusterBackend() {
    cluster = LocalCluster.builder().createTopics(false).build();
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
