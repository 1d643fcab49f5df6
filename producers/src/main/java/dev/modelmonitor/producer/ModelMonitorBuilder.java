package dev.modelmonitor.producer;

import dev.modelmonitor.producer.internal.EventBuffer;
import dev.modelmonitor.producer.internal.EventSanitizer;
import dev.modelmonitor.producer.internal.EventSender;
import dev.modelmonitor.producer.internal.FeaturePrivacy;
import dev.modelmonitor.producer.internal.InstanceDetector;
import dev.modelmonitor.producer.internal.ResourceSampler;
import dev.modelmonitor.producer.internal.SdkMetrics;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.registry.SchemaRegistryClient;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.topic.TopicNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Configures and builds a {@link ModelMonitor}. Setters check their argument and throw {@link
 * IllegalArgumentException} ("... but was x") at once; {@link #build()} checks the whole and
 * throws {@link IllegalStateException} for what is missing. Only {@link #modelId}, the bootstrap
 * servers and the schema registry are required.
 *
 * <p>Values not set here are read from the environment ({@link #environment(Map)}, {@code
 * System.getenv()} by default), as the service reads its configuration: {@code
 * MM_KAFKA_BOOTSTRAP_SERVERS}, {@code MM_SCHEMA_REGISTRY_URL}, {@code MM_TOPICS_PREFIX}, {@code
 * MM_MODEL_ID}, {@code MM_MODEL_VERSION}, and {@code MM_KAFKA_<KEY>} for any Kafka producer
 * property ({@code MM_KAFKA_SECURITY_PROTOCOL=SASL_SSL} is {@code security.protocol}).
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>{@link #topicPrefix}</td><td>{@code mm.}</td></tr>
 *   <tr><td>{@link #bufferSize}</td><td>10,000 events</td></tr>
 *   <tr><td>{@link #dropPolicy}</td><td>{@link DropPolicy#DROP_NEWEST}</td></tr>
 *   <tr><td>{@link #heartbeatInterval}</td><td>10 s (zero: none)</td></tr>
 *   <tr><td>{@link #resourceSampleInterval}</td><td>15 s (zero: none)</td></tr>
 *   <tr><td>{@link #closeTimeout}</td><td>5 s</td></tr>
 *   <tr><td>{@link #maxFeatures}</td><td>256</td></tr>
 *   <tr><td>{@link #maxStringLength}</td><td>1,024 chars</td></tr>
 *   <tr><td>{@link #meterRegistry}</td><td>Micrometer's global registry</td></tr>
 *   <tr><td>{@link #clock}</td><td>system UTC clock</td></tr>
 * </table>
 */
public final class ModelMonitorBuilder {
  static final int DEFAULT_BUFFER_SIZE = 10_000;
  static final int MAX_BUFFER_SIZE = 10_000_000;
  /** Short: the sending thread waits this long at most per registry call while it is down. */
  static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(2);
  /** Kafka producer settings that bound what the SDK may cost; {@code kafka.*} overrides them. */
  static final Map<String, String> PRODUCER_DEFAULTS =
      Map.of(
          ProducerConfig.ACKS_CONFIG, "all",
          ProducerConfig.LINGER_MS_CONFIG, "20",
          ProducerConfig.BATCH_SIZE_CONFIG, "65536",
          ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
          ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(8L * 1024 * 1024),
          ProducerConfig.MAX_BLOCK_MS_CONFIG, "500",
          ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
          ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
  private static final Set<String> OWN_PRODUCER_KEYS =
      Set.of(
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.TRANSACTIONAL_ID_CONFIG);

  String bootstrapServers;
  String schemaRegistryUrl;
  SchemaRegistryClient schemaRegistry;
  String modelId;
  String modelVersion;
  String topicPrefix;
  String image;
  int bufferSize = DEFAULT_BUFFER_SIZE;
  DropPolicy dropPolicy = DropPolicy.DROP_NEWEST;
  Duration heartbeatInterval = Duration.ofSeconds(10);
  Duration resourceSampleInterval = Duration.ofSeconds(15);
  Duration closeTimeout = Duration.ofSeconds(5);
  Duration maxSendBlock;
  int maxFeatures = 256;
  int maxStringLength = 1024;
  final Map<String, String> kafka = new HashMap<>();
  Clock clock = Clock.systemUTC();
  MeterRegistry meterRegistry;
  final Set<String> redacted = new LinkedHashSet<>();
  final Set<String> hashed = new LinkedHashSet<>();
  byte[] hashKey;
  Map<String, String> environment;
  Path hostRoot = Path.of("/");

  ModelMonitorBuilder() {}

  /** Kafka bootstrap servers, {@code host:port[,host:port]}. */
  public ModelMonitorBuilder bootstrapServers(String bootstrapServers) {
    this.bootstrapServers = bootstrap(requireText(bootstrapServers, "bootstrap servers"));
    return this;
  }

  /** URL of a Confluent-compatible schema registry, for example {@code http://registry:8081}. */
  public ModelMonitorBuilder schemaRegistryUrl(String url) {
    String u = requireText(url, "schema registry URL");
    if (!u.matches("https?://[^\\s/]+.*")) {
      throw new IllegalArgumentException(
          "schema registry URL must look like http://host:port but was " + url);
    }
    this.schemaRegistryUrl = u;
    return this;
  }

  /** A registry client to use instead of a URL (for an authenticating client, or in tests). */
  public ModelMonitorBuilder schemaRegistry(SchemaRegistryClient client) {
    this.schemaRegistry = Objects.requireNonNull(client, "schema registry client");
    return this;
  }

  /** The model's id: the record key of every event. Required, not blank. */
  public ModelMonitorBuilder modelId(String modelId) {
    this.modelId = requireText(modelId, "model id");
    return this;
  }

  /** The version of the model loaded in this instance. */
  public ModelMonitorBuilder modelVersion(String modelVersion) {
    this.modelVersion = modelVersion;
    return this;
  }

  /** Prefix of the topic names, {@code mm.} by default (so {@code mm.predictions}). */
  public ModelMonitorBuilder topicPrefix(String prefix) {
    this.topicPrefix = Objects.requireNonNull(prefix, "topic prefix");
    return this;
  }

  /** The container image, stamped on every event's instance. */
  public ModelMonitorBuilder image(String image) {
    this.image = image;
    return this;
  }

  /** How many events may wait to be sent; the bound on the SDK's own memory. */
  public ModelMonitorBuilder bufferSize(int events) {
    if (events < 1 || events > MAX_BUFFER_SIZE) {
      throw new IllegalArgumentException(
          "buffer size must be between 1 and " + MAX_BUFFER_SIZE + " but was " + events);
    }
    this.bufferSize = events;
    return this;
  }

  /** What a recording call does when the buffer is full. */
  public ModelMonitorBuilder dropPolicy(DropPolicy policy) {
    this.dropPolicy = Objects.requireNonNull(policy, "drop policy");
    return this;
  }

  /** Time between heartbeats after {@link ModelMonitor#start()}; zero sends none. */
  public ModelMonitorBuilder heartbeatInterval(Duration interval) {
    this.heartbeatInterval = interval(interval, "heartbeat interval");
    return this;
  }

  /** Time between container resource samples after start; zero sends none. */
  public ModelMonitorBuilder resourceSampleInterval(Duration interval) {
    this.resourceSampleInterval = interval(interval, "resource sample interval");
    return this;
  }

  /** How long {@link ModelMonitor#close()} may take to flush. */
  public ModelMonitorBuilder closeTimeout(Duration timeout) {
    this.closeTimeout = interval(timeout, "close timeout");
    return this;
  }

  /** Events with more features are dropped as invalid. */
  public ModelMonitorBuilder maxFeatures(int max) {
    if (max < 1 || max > 100_000) {
      throw new IllegalArgumentException("max features must be between 1 and 100000 but was " + max);
    }
    this.maxFeatures = max;
    return this;
  }

  /** Longer strings (values, names, messages) are cut to this many chars. */
  public ModelMonitorBuilder maxStringLength(int max) {
    if (max < 16 || max > 1_000_000) {
      throw new IllegalArgumentException(
          "max string length must be between 16 and 1000000 but was " + max);
    }
    this.maxStringLength = max;
    return this;
  }

  /**
   * A Kafka producer property, for SSL, SASL and tuning ({@code security.protocol}, {@code
   * sasl.jaas.config}, {@code buffer.memory}...). A leading {@code kafka.} is removed, so keys read
   * as in the service configuration. Serializers and transactions are the SDK's own.
   */
  public ModelMonitorBuilder kafkaProperty(String key, String value) {
    String k = requireText(key, "kafka property key");
    if (k.startsWith("kafka.")) {
      k = k.substring("kafka.".length());
    }
    if (OWN_PRODUCER_KEYS.contains(k)) {
      throw new IllegalArgumentException("kafka property " + k + " is set by the SDK, not by users");
    }
    kafka.put(k, Objects.requireNonNull(value, () -> "value of kafka property " + key));
    return this;
  }

  /** Several {@link #kafkaProperty Kafka producer properties}. */
  public ModelMonitorBuilder kafkaProperties(Map<String, String> properties) {
    properties.forEach(this::kafkaProperty);
    return this;
  }

  /** The clock for event timestamps and uptime; tests pass a controllable one. */
  public ModelMonitorBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Where the SDK's own meters go ({@code modelmonitor.sdk.*}). */
  public ModelMonitorBuilder meterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "meter registry");
    return this;
  }

  /** Features never to send: they are left out when the prediction is recorded. */
  public ModelMonitorBuilder redact(String... features) {
    Arrays.stream(features).map(f -> requireText(f, "redacted feature name")).forEach(redacted::add);
    return this;
  }

  /**
   * Features to send only as the hex HMAC-SHA256 of their value under {@link #hashKey}: equal
   * values stay equal downstream, raw values never leave the process.
   */
  public ModelMonitorBuilder hash(String... features) {
    Arrays.stream(features).map(f -> requireText(f, "hashed feature name")).forEach(hashed::add);
    return this;
  }

  /** The secret key of {@link #hash}. */
  public ModelMonitorBuilder hashKey(byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException(
          "hash key must have at least 16 bytes but had " + (key == null ? 0 : key.length));
    }
    this.hashKey = key.clone();
    return this;
  }

  /** The secret key of {@link #hash}, as UTF-8 text (at least 16 bytes). */
  public ModelMonitorBuilder hashKey(String key) {
    return hashKey(key == null ? null : key.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The environment read for configuration ({@code MM_*}) and identity ({@code POD_NAME}, {@code
   * POD_NAMESPACE}, {@code NODE_NAME}, {@code HOSTNAME}); {@code System.getenv()} by default.
   */
  public ModelMonitorBuilder environment(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    return this;
  }

  /** The root under which {@code /proc} and {@code /sys/fs/cgroup} are read; {@code /} by default. */
  public ModelMonitorBuilder hostRoot(Path root) {
    this.hostRoot = Objects.requireNonNull(root, "host root");
    return this;
  }

  /**
   * Builds the monitor and starts its sending thread; {@link ModelMonitor#start()} then announces
   * the instance.
   *
   * @throws IllegalStateException when a required setting is missing or a Kafka producer setting
   *     is invalid
   */
  public ModelMonitor build() {
    Map<String, String> env = environment != null ? environment : System.getenv();
    String model = modelId != null ? modelId : blankToNull(env.get("MM_MODEL_ID"));
    if (model == null) {
      throw new IllegalStateException("model id is required: call modelId(...) or set MM_MODEL_ID");
    }
    modelId = model;
    if (modelVersion == null) {
      modelVersion = blankToNull(env.get("MM_MODEL_VERSION"));
    }
    String servers =
        bootstrapServers != null ? bootstrapServers : blankToNull(env.get("MM_KAFKA_BOOTSTRAP_SERVERS"));
    if (servers == null) {
      throw new IllegalStateException(
          "Kafka bootstrap servers are required: call bootstrapServers(...) or set MM_KAFKA_BOOTSTRAP_SERVERS");
    }
    bootstrap(servers);
    String registryUrl =
        schemaRegistryUrl != null ? schemaRegistryUrl : blankToNull(env.get("MM_SCHEMA_REGISTRY_URL"));
    if (schemaRegistry == null && registryUrl == null) {
      throw new IllegalStateException(
          "a schema registry is required: call schemaRegistryUrl(...) or set MM_SCHEMA_REGISTRY_URL");
    }
    String prefix = topicPrefix != null ? topicPrefix : env.getOrDefault("MM_TOPICS_PREFIX", TopicNames.DEFAULT_PREFIX);
    if (!hashed.isEmpty() && hashKey == null) {
      throw new IllegalStateException("features " + hashed + " are to be hashed but no hashKey(...) was set");
    }
    Set<String> both = new LinkedHashSet<>(hashed);
    both.retainAll(redacted);
    if (!both.isEmpty()) {
      throw new IllegalStateException("features " + both + " are both redacted and hashed; choose one");
    }

    Map<String, Object> props = producerProperties(servers, env);
    maxSendBlock = Duration.ofMillis(validated(props).getLong(ProducerConfig.MAX_BLOCK_MS_CONFIG));
    MeterRegistry meters = meterRegistry != null ? meterRegistry : Metrics.globalRegistry;
    SdkMetrics metrics = new SdkMetrics(meters, modelId);
    FeaturePrivacy privacy = new FeaturePrivacy(hashed, hashKey);
    EventSanitizer sanitizer = new EventSanitizer(maxFeatures, maxStringLength, redacted, metrics);
    SchemaRegistryClient owned =
        schemaRegistry == null ? new HttpSchemaRegistryClient(registryUrl, REGISTRY_TIMEOUT) : null;
    SchemaRegistryClient registry = schemaRegistry != null ? schemaRegistry : owned;
    EventBuffer buffer = new EventBuffer(bufferSize, dropPolicy, metrics);
    EventSender sender =
        new EventSender(
            buffer,
            () -> new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()),
            new AvroSerializer<SpecificRecord>(registry),
            new TopicNames(prefix),
            modelId,
            privacy,
            metrics);
    return new ModelMonitor(
        this,
        InstanceDetector.detect(hostRoot, env, image),
        sanitizer,
        metrics,
        buffer,
        sender,
        ResourceSampler.detect(hostRoot, System::nanoTime),
        owned);
  }

  private Map<String, Object> producerProperties(String servers, Map<String, String> env) {
    Map<String, Object> props = new HashMap<>(PRODUCER_DEFAULTS);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "model-monitor-sdk-" + modelId);
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      if (name.startsWith("MM_KAFKA_") && !name.equals("MM_KAFKA_BOOTSTRAP_SERVERS")) {
        String key = name.substring("MM_KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        if (!OWN_PRODUCER_KEYS.contains(key)) {
          props.put(key, e.getValue());
        }
      }
    }
    props.putAll(kafka);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return Map.copyOf(props);
  }

  /**
   * The producer settings checked the way the producer will (types, ranges), without creating
   * it: that happens on the sending thread, where a bootstrap host that does not resolve yet
   * (a Kubernetes service just created) only delays sending.
   */
  private static AbstractConfig validated(Map<String, Object> props) {
    try {
      return new AbstractConfig(ProducerConfig.configDef(), props, false);
    } catch (ConfigException e) {
      throw new IllegalStateException("invalid Kafka producer setting: " + e.getMessage(), e);
    }
  }

  private static String bootstrap(String servers) {
    for (String server : servers.split(",")) {
      String s = server.trim();
      int colon = s.lastIndexOf(':');
      boolean valid = colon > 0 && colon < s.length() - 1;
      if (valid) {
        try {
          int port = Integer.parseInt(s.substring(colon + 1));
          valid = port > 0 && port < 65536;
        } catch (NumberFormatException e) {
          valid = false;
        }
      }
      if (!valid) {
        throw new IllegalArgumentException(
            "bootstrap servers must look like host:port[,host:port] but was " + servers);
      }
    }
    return servers;
  }

  private static Duration interval(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative but was " + d);
    }
    return d;
  }

  private static String requireText(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank but was " + (s == null ? "null" : "'" + s + "'"));
    }
    return s.trim();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
