package dev.modelmonitor.local.junit;

import dev.modelmonitor.local.registry.LocalSchemaRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka in a Docker container (Testcontainers) with the local schema registry on it. A broker
 * outage is a paused container: restarting one would move its mapped port.
 */
final class DockerClusterBackend implements ClusterBackend {
  /** System property naming the Kafka image. */
  static final String IMAGE_PROPERTY = "mm.test.kafka.image";

  static final String DEFAULT_IMAGE = "apache/kafka:4.4.0";

  private final KafkaContainer kafka;
  private final LocalSchemaRegistry registry;
  private boolean paused;

  DockerClusterBackend() {
    kafka =
        new KafkaContainer(
            DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE)));
    kafka.start();
    try {
      registry = LocalSchemaRegistry.builder(kafka.getBootstrapServers()).build();
      registry.start();
    } catch (RuntimeException e) {
      kafka.stop();
      throw e;
    }
  }

  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  @Override
  public String bootstrapServers() {
    return kafka.getBootstrapServers();
  }

  @Override
  public String registryUrl() {
    return registry.url();
  }

  @Override
  public synchronized void stopBroker() {
    if (!paused) {
      kafka.getDockerClient().pauseContainerCmd(kafka.getContainerId()).exec();
      paused = true;
    }
  }

  @Override
  public synchronized void startBroker() {
    if (paused) {
      kafka.getDockerClient().unpauseContainerCmd(kafka.getContainerId()).exec();
      paused = false;
    }
  }

  @Override
  public synchronized boolean isBrokerRunning() {
    return !paused;
  }

  @Override
  public String mode() {
    return LocalClusterExtension.DOCKER;
  }

  @Override
  public void close() {
    registry.close();
    kafka.stop();
  }
}
