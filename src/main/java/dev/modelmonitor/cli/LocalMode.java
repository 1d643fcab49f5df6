package dev.modelmonitor.cli;

import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.local.LocalCluster;
import dev.modelmonitor.local.TopicCreator;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running local mode: the in-process {@link LocalCluster} plus whatever parts a command adds on
 * top of it (the pipeline service, a simulated app), closed in reverse order on {@link #close()} or
 * when the JVM is asked to stop (SIGINT, SIGTERM). The {@code local} and {@code demo} commands
 * share it.
 */
public final class LocalMode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalMode.class);

  /** What to start. Port 0 picks a free port. */
  public record Options(
      int kafkaPort, int registryPort, Path dataDir, int partitions, String topicPrefix) {}

  private final LocalCluster cluster;
  private final Path dataDir;
  private final Deque<AutoCloseable> parts = new ArrayDeque<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread shutdownHook = new Thread(this::close, "model-monitor-local-shutdown");
  private boolean closing;

  private LocalMode(LocalCluster cluster, Path dataDir) {
    this.cluster = cluster;
    this.dataDir = dataDir;
  }

  /**
   * Starts broker, registry and topics; returns when all accept requests.
   *
   * @throws dev.modelmonitor.local.PortInUseException when a port is taken
   */
  public static LocalMode start(Options options) {
    Path dataDir = options.dataDir().toAbsolutePath().normalize();
    LocalCluster cluster =
        LocalCluster.builder()
            .kafkaPort(options.kafkaPort())
            .registryPort(options.registryPort())
            .dataDir(dataDir)
            .partitions(options.partitions())
            .topicPrefix(options.topicPrefix())
            .build();
    cluster.start();
    LocalMode mode = new LocalMode(cluster, dataDir);
    Runtime.getRuntime().addShutdownHook(mode.shutdownHook);
    return mode;
  }

  public LocalCluster cluster() {
    return cluster;
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  public String registryUrl() {
    return cluster.registryUrl();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The pipeline topics the start created and found. */
  public TopicCreator.Result topics() {
    return cluster.topics();
  }

  /**
   * The configuration keys that point a {@link MonitorConfig} at this cluster ({@code
   * kafka.bootstrap-servers}, {@code schema-registry.url}, {@code topics.prefix}), to lay over a
   * loaded configuration.
   */
  public Map<String, Object> connectionSettings() {
    return Map.of(
        MonitorConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers(),
        MonitorConfig.SCHEMA_REGISTRY_URL, registryUrl(),
        MonitorConfig.TOPICS_PREFIX, cluster.topicNames().prefix());
  }

  /**
   * Runs {@code part} until this local mode closes; parts close before the cluster, newest first.
   */
  public synchronized void add(AutoCloseable part) {
    if (closing) {
      throw new IllegalStateException("local mode is shutting down");
    }
    parts.push(part);
  }

  /** Blocks until {@link #close()} ran (from a shutdown hook, or another thread). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    try {
      while (!parts.isEmpty()) {
        AutoCloseable part = parts.pop();
        try {
          part.close();
        } catch (Exception e) {
          log.warn("error while stopping {}", part, e);
        }
      }
      cluster.close();
      log.info("local mode stopped; data kept in {}", dataDir);
    } finally {
      closed.countDown();
      removeShutdownHook();
    }
  }

  private void removeShutdownHook() {
    if (Thread.currentThread() == shutdownHook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook runs close() again, which returns at once.
    }
  }
}
