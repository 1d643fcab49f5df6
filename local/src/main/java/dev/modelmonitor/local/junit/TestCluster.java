package dev.modelmonitor.local.junit;

import dev.modelmonitor.local.TopicCreator;
import dev.modelmonitor.topic.TopicNames;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Kafka broker and schema registry a test class runs against, as {@link
 * LocalClusterExtension} injects it. The cluster is shared by every test class of the JVM; each
 * class gets its own {@link #topicPrefix()} so their topics, subjects and groups do not meet.
 */
public final class TestCluster {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final ClusterBackend backend;
  private final String baseName;
  private final TopicNames topicNames;

  TestCluster(ClusterBackend backend, String baseName) {
    this.backend = backend;
    this.baseName = baseName;
    this.topicNames = new TopicNames(uniqueName(baseName) + ".");
  }

  public String bootstrapServers() {
    return backend.bootstrapServers();
  }

  /** The schema registry's base URL, for example {@code http://localhost:41234}. */
  public String registryUrl() {
    return backend.registryUrl();
  }

  /** {@code bootstrap.servers}, to start Kafka client properties from. */
  public Map<String, Object> clientProperties() {
    return Map.of("bootstrap.servers", bootstrapServers());
  }

  /** The topic prefix of this test class, such as {@code AlertsIT-3.}; ends with a dot. */
  public String topicPrefix() {
    return topicNames.prefix();
  }

  /** The pipeline's topic names under {@link #topicPrefix()} (not created). */
  public TopicNames topicNames() {
    return topicNames;
  }

  /** Pipeline topic names under a prefix of their own, for a test that needs fresh topics. */
  public TopicNames newTopicNames() {
    return new TopicNames(uniqueName(baseName) + ".");
  }

  /** Creates the pipeline's topics under {@link #topicPrefix()}, one partition each. */
  public TopicNames createTopics() {
    return createTopics(topicNames, 1);
  }

  /** Creates the pipeline's topics of {@code names} that are missing; returns {@code names}. */
  public TopicNames createTopics(TopicNames names, int partitions) {
    new TopicCreator(clientProperties(), Duration.ofSeconds(30))
        .create(names, Optional.of(partitions), Optional.of((short) 1));
    return names;
  }

  /** {@code base} plus a number unique in this JVM: for topics, group ids, application ids. */
  public String uniqueName(String base) {
    return base + "-" + NAMES.incrementAndGet();
  }

  /**
   * Takes the broker away until {@link #startBroker()}: clients see an outage (connection refused
   * in-process, a paused container under Docker). The extension restarts a broker a test left
   * stopped before the next test class.
   */
  public void stopBroker() {
    backend.stopBroker();
  }

  /** Brings the broker back on the same address with its data. */
  public void startBroker() {
    backend.startBroker();
  }

  public boolean isBrokerRunning() {
    return backend.isBrokerRunning();
  }

  /** {@code embedded} (in-process broker) or {@code docker} (Testcontainers). */
  public String mode() {
    return backend.mode();
  }
}
