package dev.modelmonitor.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM, on
 * loopback. Its data directory survives {@link #stop()} and a later {@link #start()} on the same
 * port, which is how tests simulate a broker outage.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0).build()) {
 *   broker.start();
 *   String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String HOST = "localhost";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final int requestedPort;
  private final Path requestedDataDir;
  private final Map<String, String> overrides;
  private int port = -1;
  private int controllerPort = -1;
  private Path dataDir;
  private boolean temporaryDataDir;
  private KafkaRaftServer server;
  private Duration lastStartup = Duration.ZERO;

  private EmbeddedKafkaBroker(Builder builder) {
    this.requestedPort = builder.port;
    this.requestedDataDir = builder.dataDir;
    this.overrides = Map.copyOf(builder.overrides);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the broker and returns once it accepts requests. The first start picks the port (when 0
   * was asked for) and formats the data directory if it is new; later starts reuse both.
   *
   * @throws PortInUseException when the port is taken
   */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    QuietLogging.apply();
    long began = System.nanoTime();
    if (port < 0) {
      port = Ports.resolve("Kafka", requestedPort);
      controllerPort = Ports.free();
      dataDir = requestedDataDir != null ? requestedDataDir : createTemporaryDirectory();
      temporaryDataDir = requestedDataDir == null;
    } else {
      Ports.requireFree("Kafka", port);
      Ports.requireFree("Kafka controller", controllerPort);
    }
    Path logDir = dataDir.resolve("kafka");
    KafkaConfig config = new KafkaConfig(brokerProperties(logDir), false);
    format(logDir);
    KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      started.startup();
    } catch (RuntimeException e) {
      shutDown(started);
      throw e;
    }
    server = started;
    lastStartup = Duration.ofNanos(System.nanoTime() - began);
    log.info(
        "Kafka broker ready on {} in {} ms (data in {})",
        bootstrapServers(),
        lastStartup.toMillis(),
        logDir);
  }

  /** Stops the broker, keeping its data; {@link #start()} brings it back on the same port. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    long began = System.nanoTime();
    shutDown(server);
    server = null;
    log.info(
        "Kafka broker on {} stopped in {} ms",
        bootstrapServers(),
        Duration.ofNanos(System.nanoTime() - began).toMillis());
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The client port; known once the broker has been started. */
  public synchronized int port() {
    requireStartedOnce();
    return port;
  }

  /** {@code localhost:<port>}; stays valid across stop and start. */
  public synchronized String bootstrapServers() {
    requireStartedOnce();
    return HOST + ":" + port;
  }

  /** The directory holding the broker's logs (under {@code kafka/}). */
  public synchronized Path dataDir() {
    requireStartedOnce();
    return dataDir;
  }

  /** How long the last {@link #start()} took, from call to accepting requests. */
  public synchronized Duration lastStartupTime() {
    return lastStartup;
  }

  /** Stops the broker; deletes the data directory only if this broker created a temporary one. */
  @Override
  public synchronized void close() {
    stop();
    if (temporaryDataDir && dataDir != null) {
      deleteRecursively(dataDir);
    }
  }

  private Map<String, Object> brokerProperties(Path logDir) {
    Map<String, Object> props = new HashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put(
        "listeners",
        "PLAINTEXT://"
            + HOST
            + ":"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    props.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("metadata.log.dir", logDir.toString());
    // One node: every internal topic must live with a single replica, or consumer groups,
    // transactions (exactly-once) and share groups wait forever for replicas that never come.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    // Fewer coordinator partitions: created on first use, 50 of them cost seconds on 2 cores.
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("share.coordinator.state.topic.num.partitions", "5");
    // A single consumer joining should not wait for others that will not come.
    props.put("group.initial.rebalance.delay.ms", "0");
    // The log cleaner allocates its dedupe buffer up front (128 MB by default).
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    props.putAll(overrides);
    return props;
  }

  private void format(Path logDir) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(logDir);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(NODE_ID)
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("could not format the Kafka data directory " + logDir, e);
    }
  }

  private static void shutDown(KafkaRaftServer server) {
    server.shutdown();
    server.awaitShutdown();
  }

  private void requireStartedOnce() {
    if (port < 0) {
      throw new IllegalStateException("the broker has not been started yet");
    }
  }

  private static Path createTemporaryDirectory() {
    try {
      return Files.createTempDirectory("model-monitor-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary data directory", e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.warn("could not delete {}", dir, e);
    }
  }

  /** Options of an {@link EmbeddedKafkaBroker}. */
  public static final class Builder {
    private int port;
    private Path dataDir;
    private final Map<String, String> overrides = new HashMap<>();

    private Builder() {}

    /** The client port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535 but was " + port);
      }
      this.port = port;
      return this;
    }

    /** Where the broker keeps its data; default a temporary directory deleted on close. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** Any broker config key, for example {@code log.retention.check.interval.ms}. */
    public Builder brokerProperty(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    public EmbeddedKafkaBroker build() {
      return new EmbeddedKafkaBroker(this);
    }
  }
}
