package dev.modelmonitor.cli;

import dev.modelmonitor.config.ConfigLoader;
import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.registry.SchemaRegistryClient;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The options every client command shares ({@code --bootstrap-servers}, {@code
 * --schema-registry}, {@code --topic-prefix}, {@code --config}), resolved like the service's
 * configuration: options win over {@code MM_*} environment variables, which win over the file.
 * Include with {@code @Mixin ConnectionOptions connection;}.
 */
public final class ConnectionOptions {
  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: config file, MM_KAFKA_BOOTSTRAP_SERVERS, localhost:9092).")
  String bootstrapServers;

  @Option(
      names = "--schema-registry",
      paramLabel = "URL",
      description = "Schema registry URL (default: config file, MM_SCHEMA_REGISTRY_URL, http://localhost:8081).")
  String schemaRegistry;

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      description = "Topic name prefix (default: config file, MM_TOPICS_PREFIX, mm.).")
  String topicPrefix;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration YAML; kafka.* keys (SSL, SASL) pass through to the clients.")
  Path configFile;

  /** Environment to read; tests replace it. */
  Map<String, String> environment = System.getenv();

  /** The resolved configuration. */
  public MonitorConfig config() {
    Map<String, Object> overrides = new HashMap<>();
    if (bootstrapServers != null) {
      overrides.put(MonitorConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
    }
    if (schemaRegistry != null) {
      overrides.put(MonitorConfig.SCHEMA_REGISTRY_URL, schemaRegistry);
    }
    if (topicPrefix != null) {
      overrides.put(MonitorConfig.TOPICS_PREFIX, topicPrefix);
    }
    return ConfigLoader.load(configFile, environment, overrides);
  }

  /** Kafka client properties: bootstrap servers plus every {@code kafka.*} passthrough key. */
  public Properties kafkaProperties() {
    return config().kafkaClientProperties();
  }

  public SchemaRegistryClient registry() {
    return new HttpSchemaRegistryClient(config().getString(MonitorConfig.SCHEMA_REGISTRY_URL));
  }

  public TopicNames topicNames() {
    return new TopicNames(config().getString(MonitorConfig.TOPICS_PREFIX));
  }

  /** Typed topics over a new registry client. */
  public Topics topics() {
    return new Topics(topicNames(), registry());
  }
}
