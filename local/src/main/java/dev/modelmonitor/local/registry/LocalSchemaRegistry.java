package dev.modelmonitor.local.registry;

import dev.modelmonitor.local.PortInUseException;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry serving the Confluent Schema Registry REST API (Avro subjects, versions, global
 * ids, compatibility levels) and storing its schemas in a compacted Kafka topic, {@code _schemas}
 * by default as Confluent's, which it reads to the end on start: ids and versions are stable across
 * restarts. A change is acknowledged only after the broker acknowledged it.
 *
 * <p>One registry process writes to a topic at a time; it catches up with the topic before every
 * write, so a registry restarted on the same topic continues where the last one stopped.
 *
 * <pre>{@code
 * try (LocalSchemaRegistry registry =
 *     LocalSchemaRegistry.builder("localhost:9092").port(8081).build()) {
 *   registry.start();
 *   String url = registry.url(); // http://localhost:8081
 * }
 * }</pre>
 */
public final class LocalSchemaRegistry implements AutoCloseable {
  /** The topic Confluent's registry uses. */
  public static final String DEFAULT_TOPIC = "_schemas";

  private static final Logger log = LoggerFactory.getLogger(LocalSchemaRegistry.class);

  private final String host;
  private final int requestedPort;
  private final String topic;
  private final Map<String, Object> kafkaProperties;
  private final Duration timeout;
  private KafkaSchemaLog schemaLog;
  private Javalin app;
  private int port = -1;

  private LocalSchemaRegistry(Builder builder) {
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.topic = builder.topic;
    this.kafkaProperties = Map.copyOf(builder.kafkaProperties);
    this.timeout = builder.timeout;
  }

  /** A registry storing its schemas on the Kafka cluster at {@code bootstrapServers}. */
  public static Builder builder(String bootstrapServers) {
    return new Builder(bootstrapServers);
  }

  /**
   * Reads the schema topic (creating it if missing) and starts serving HTTP.
   *
   * @throws PortInUseException when the port is taken
   * @throws IllegalStateException when Kafka does not answer within the timeout
   */
  public synchronized void start() {
    if (app != null) {
      return;
    }
    long began = System.nanoTime();
    KafkaSchemaLog opened = KafkaSchemaLog.open(topic, kafkaProperties, timeout);
    SchemaStore store = new SchemaStore(opened);
    Javalin server =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.useVirtualThreads = false;
            });
    try {
      store.catchUp();
      new RegistryApi(store).addTo(server);
      server.start(host, requestedPort);
    } catch (JavalinBindException e) {
      opened.close();
      throw new PortInUseException("schema registry", requestedPort);
    } catch (RuntimeException e) {
      opened.close();
      server.stop();
      if (e instanceof RegistryException) {
        throw new IllegalStateException(
            "the schema registry could not read its topic " + topic + ": " + e.getMessage(), e);
      }
      throw e;
    }
    schemaLog = opened;
    app = server;
    port = server.port();
    log.info(
        "Schema registry ready on {} in {} ms (topic {}, {} subjects)",
        url(),
        Duration.ofNanos(System.nanoTime() - began).toMillis(),
        topic,
        store.subjects(false).size());
  }

  /** The port bound; known once started. */
  public synchronized int port() {
    if (port < 0) {
      throw new IllegalStateException("the schema registry has not been started yet");
    }
    return port;
  }

  /** {@code http://localhost:<port>}. */
  public String url() {
    return "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + port();
  }

  public String topic() {
    return topic;
  }

  @Override
  public synchronized void close() {
    try {
      if (app != null) {
        app.stop();
      }
    } finally {
      app = null;
      if (schemaLog != null) {
        schemaLog.close();
        schemaLog = null;
      }
    }
  }

  /** Options of a {@link LocalSchemaRegistry}. */
  public static final class Builder {
    private final Map<String, Object> kafkaProperties = new HashMap<>();
    private String host = "localhost";
    private int port;
    private String topic = DEFAULT_TOPIC;
    private Duration timeout = Duration.ofSeconds(15);

    private Builder(String bootstrapServers) {
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        throw new IllegalArgumentException("bootstrap servers must not be blank");
      }
      kafkaProperties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    /** The HTTP port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535 but was " + port);
      }
      this.port = port;
      return this;
    }

    /** The interface to listen on: {@code localhost} (default), or {@code 0.0.0.0} for all. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The compacted topic holding the schemas; default {@value #DEFAULT_TOPIC}. */
    public Builder topic(String topic) {
      if (topic == null || topic.isBlank()) {
        throw new IllegalArgumentException("topic must not be blank");
      }
      this.topic = topic;
      return this;
    }

    /** A Kafka client setting (security, for instance) for the registry's clients. */
    public Builder kafkaProperty(String key, Object value) {
      kafkaProperties.put(key, value);
      return this;
    }

    /** How long a start or a write waits for Kafka before failing; default 15 s. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive but was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public LocalSchemaRegistry build() {
      return new LocalSchemaRegistry(this);
    }
  }
}
