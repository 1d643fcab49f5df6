package dev.modelmonitor.local;

import dev.modelmonitor.local.registry.LocalSchemaRegistry;
import dev.modelmonitor.topic.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A complete local Kafka environment in this JVM: an {@link EmbeddedKafkaBroker}, a {@link
 * LocalSchemaRegistry} on it, and the pipeline's topics. What {@code model-monitor local} runs.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.builder().kafkaPort(9092).registryPort(8081).build()) {
 *   cluster.start();
 *   cluster.bootstrapServers(); // localhost:9092
 *   cluster.registryUrl();      // http://localhost:8081
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);

  private final EmbeddedKafkaBroker broker;
  private final int registryPort;
  private final TopicNames topicNames;
  private final int partitions;
  private final boolean createTopics;
  private LocalSchemaRegistry registry;
  private TopicCreator.Result topics =
      new TopicCreator.Result(java.util.List.of(), java.util.List.of());

  private LocalCluster(Builder builder) {
    EmbeddedKafkaBroker.Builder brokerBuilder =
        EmbeddedKafkaBroker.builder().port(builder.kafkaPort);
    if (builder.dataDir != null) {
      brokerBuilder.dataDir(builder.dataDir);
    }
    this.broker = brokerBuilder.build();
    this.registryPort = builder.registryPort;
    this.topicNames = new TopicNames(builder.topicPrefix);
    this.partitions = builder.partitions;
    this.createTopics = builder.createTopics;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the broker, then the registry, then creates the topics that are missing; returns when
   * all accept requests. On failure, whatever was started is stopped again.
   *
   * @throws PortInUseException when the Kafka or registry port is taken
   */
  public synchronized void start() {
    if (registry != null) {
      return;
    }
    long began = System.nanoTime();
    try {
      if (registryPort != 0) {
        // Before the broker starts, so a taken port fails in a moment, not after a broker start.
        Ports.requireFree("schema registry", registryPort);
      }
      broker.start();
      LocalSchemaRegistry started =
          LocalSchemaRegistry.builder(broker.bootstrapServers()).port(registryPort).build();
      registry = started;
      started.start();
      if (createTopics) {
        topics =
            new TopicCreator(clientProperties(), Duration.ofSeconds(30))
                .create(topicNames, Optional.of(partitions), Optional.of((short) 1));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    log.info(
        "Local cluster ready in {} ms: Kafka {}, schema registry {}",
        Duration.ofNanos(System.nanoTime() - began).toMillis(),
        bootstrapServers(),
        registryUrl());
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String registryUrl() {
    return requireRegistry().url();
  }

  /** {@code bootstrap.servers} for Kafka clients. */
  public Map<String, Object> clientProperties() {
    return Map.of("bootstrap.servers", bootstrapServers());
  }

  /** The broker, for stopping and restarting it (simulating an outage). */
  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  public TopicNames topicNames() {
    return topicNames;
  }

  /** The pipeline topics the last start created and found. */
  public synchronized TopicCreator.Result topics() {
    return topics;
  }

  /** Stops registry and broker; the data directory stays unless it was a temporary one. */
  @Override
  public synchronized void close() {
    try {
      if (registry != null) {
        registry.close();
      }
    } finally {
      registry = null;
      broker.close();
    }
  }

  private synchronized LocalSchemaRegistry requireRegistry() {
    if (registry == null) {
      throw new IllegalStateException("the local cluster is not running");
    }
    return registry;
  }

  /** Options of a {@link LocalCluster}. */
  public static final class Builder {
    private int kafkaPort;
    private int registryPort;
    private Path dataDir;
    private int partitions = 4;
    private String topicPrefix = TopicNames.DEFAULT_PREFIX;
    private boolean createTopics = true;

    private Builder() {}

    /** Kafka's client port; 0 (the default) picks a free one. */
    public Builder kafkaPort(int port) {
      this.kafkaPort = checkPort(port);
      return this;
    }

    /** The schema registry's HTTP port; 0 (the default) picks a free one. */
    public Builder registryPort(int port) {
      this.registryPort = checkPort(port);
      return this;
    }

    /** Where the broker keeps its data; default a temporary directory deleted on close. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** Partitions of the pipeline topics it creates; default 4. */
    public Builder partitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1 but was " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /** Prefix of the pipeline topics; default {@value TopicNames#DEFAULT_PREFIX}. */
    public Builder topicPrefix(String prefix) {
      this.topicPrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** Whether to create the pipeline topics on start; default true. */
    public Builder createTopics(boolean createTopics) {
      this.createTopics = createTopics;
      return this;
    }

    public LocalCluster build() {
      return new LocalCluster(this);
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535 but was " + port);
      }
      return port;
    }
  }
}
