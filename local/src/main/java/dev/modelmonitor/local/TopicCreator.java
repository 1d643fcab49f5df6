package dev.modelmonitor.local;

import dev.modelmonitor.topic.MonitorTopic;
import dev.modelmonitor.topic.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics ({@link MonitorTopic}, DESIGN §3) with their configs on any
 * cluster, idempotently: topics already there are reported as found and left as they are.
 */
public final class TopicCreator {
  /** What a run did: topics it created and topics that were already there, by full name. */
  public record Result(List<String> created, List<String> existing) {}

  private final Map<String, Object> adminProperties;
  private final Duration timeout;

  /**
   * @param clientProperties Kafka client settings: {@code bootstrap.servers} plus any security
   *     settings
   * @param timeout how long to wait for the cluster before giving up
   */
  public TopicCreator(Map<String, Object> clientProperties, Duration timeout) {
    this.adminProperties = new HashMap<>(clientProperties);
    this.timeout = timeout;
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
  }

  /**
   * Creates every topic of {@code names} that does not exist yet.
   *
   * @param partitions partitions of new topics; empty for the broker's default
   * @param replicationFactor replication factor of new topics; empty for the broker's default
   * @throws KafkaUnreachableException when the cluster does not answer within the timeout
   */
  public Result create(
      TopicNames names, Optional<Integer> partitions, Optional<Short> replicationFactor) {
    partitions.ifPresent(
        p -> {
          if (p < 1) {
            throw new IllegalArgumentException("partitions must be at least 1 but was " + p);
          }
        });
    replicationFactor.ifPresent(
        r -> {
          if (r < 1) {
            throw new IllegalArgumentException(
                "replication factor must be at least 1 but was " + r);
          }
        });
    Admin admin = connect();
    try {
      Set<String> present = await(admin.listTopics().names());
      List<String> created = new ArrayList<>();
      List<String> existing = new ArrayList<>();
      List<NewTopic> missing = new ArrayList<>();
      for (MonitorTopic topic : MonitorTopic.values()) {
        String name = names.name(topic);
        if (present.contains(name)) {
          existing.add(name);
        } else {
          missing.add(new NewTopic(name, partitions, replicationFactor).configs(topic.configs()));
        }
      }
      if (!missing.isEmpty()) {
        CreateTopicsResult result = admin.createTopics(missing);
        for (NewTopic topic : missing) {
          if (createdNow(result.values().get(topic.name()))) {
            created.add(topic.name());
          } else {
            existing.add(topic.name());
          }
        }
      }
      return new Result(List.copyOf(created), List.copyOf(existing));
    } finally {
      admin.close(Duration.ofSeconds(1));
    }
  }

  private Admin connect() {
    try {
      return Admin.create(adminProperties);
    } catch (KafkaException e) {
      // Unresolvable bootstrap addresses fail here rather than on the first request.
      throw new KafkaUnreachableException(
          "cannot connect to Kafka at " + bootstrapServers() + ": " + rootMessage(e), e);
    }
  }

  private <T> T await(KafkaFuture<T> future) {
    try {
      return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw translate(e.getCause());
    } catch (TimeoutException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /** True when the topic was created, false when someone created it meanwhile. */
  private boolean createdNow(KafkaFuture<Void> creation) {
    try {
      creation.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw translate(e.getCause());
    } catch (TimeoutException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  private RuntimeException translate(Throwable failure) {
    if (failure instanceof org.apache.kafka.common.errors.TimeoutException) {
      return unreachable(failure);
    }
    return new IllegalStateException(
        "Kafka at " + bootstrapServers() + " refused: " + failure.getMessage(), failure);
  }

  private KafkaUnreachableException unreachable(Throwable cause) {
    return new KafkaUnreachableException(
        "Kafka at " + bootstrapServers() + " did not answer within " + describe(timeout), cause);
  }

  private static String describe(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  private String bootstrapServers() {
    return String.valueOf(adminProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
