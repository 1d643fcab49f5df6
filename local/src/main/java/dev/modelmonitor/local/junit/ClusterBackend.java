package dev.modelmonitor.local.junit;

/** A running broker plus schema registry that test classes share. */
interface ClusterBackend extends AutoCloseable {
  String bootstrapServers();

  String registryUrl();

  /** Makes the broker unavailable to clients until {@link #startBroker()}. */
  void stopBroker();

  /** Brings the broker back with its data, on the same address. */
  void startBroker();

  boolean isBrokerRunning();

  /** {@code embedded} or {@code docker}. */
  String mode();

  @Override
  void close();
}
