package dev.modelmonitor.client;

import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.serde.WireFormatException;
import dev.modelmonitor.topic.Topic;
import dev.modelmonitor.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the pipeline's active checks over Kafka: sends a {@code CheckRequest} keyed by modelId and
 * waits for the {@code CheckResult} with its requestId. Used by {@code model-monitor check} and by
 * {@code POST /api/checks}; thread-safe, many requests may wait at once.
 *
 * <p>{@link #start()} assigns every partition of the results topic at its end offsets before any
 * request is sent, so no answer can be missed, and without a consumer group (nothing to commit,
 * nothing to rebalance).
 *
 * <p>Results are read uncommitted, on purpose: the checks write them inside the exactly-once
 * transaction of their task, which commits every {@code checks.commit-interval} (1 s by default),
 * and waiting for that commit would add up to the commit interval to every answer. An answer is
 * an observation of the events processed before it; if its transaction aborts, those events are
 * processed again and the request is answered again under the same requestId, and the first
 * answer was no less true. So the first result for a requestId is taken, committed or not.
 */
public final class CheckClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CheckClient.class);

  private final Topic<CheckRequest> requests;
  private final Topic<CheckResult> results;
  private final Serializer<CheckRequest> requestSerializer;
  private final String bootstrapServers;
  private final KafkaProducer<String, CheckRequest> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, CompletableFuture<CheckResult>> waiting = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean running = true;

  /**
   * A client over {@code kafka} client properties ({@code bootstrap.servers} and any
   * passthrough); {@code timeout} bounds each blocking Kafka call (metadata, send).
   */
  public CheckClient(Properties kafka, Topics topics, Duration timeout) {
    this.requests = topics.checkRequests();
    this.results = topics.checkResults();
    this.bootstrapServers = kafka.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    Properties producerProps = new Properties();
    producerProps.putAll(kafka);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
    producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    this.requestSerializer = requests.valueSerde().serializer();
    this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), requestSerializer);
    Properties consumerProps = new Properties();
    consumerProps.putAll(kafka);
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    consumerProps.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    consumerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
    this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
        new ByteArrayDeserializer());
    this.poller = new Thread(this::poll, "check-results");
    this.poller.setDaemon(true);
  }

  /**
   * Assigns the results topic at its end and starts reading it.
   *
   * @throws IllegalStateException saying what to do when Kafka does not answer or the topic is
   *     missing
   */
  public void start() {
    List<PartitionInfo> partitions;
    try {
      partitions = consumer.partitionsFor(results.name());
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer; is the "
          + "broker running (model-monitor local) and --bootstrap-servers right?", e);
    } catch (KafkaException e) {
      throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + ": "
          + e.getMessage(), e);
    }
    if (partitions == null || partitions.isEmpty()) {
      throw new IllegalStateException("topic " + results.name() + " does not exist on "
          + bootstrapServers + "; create the topics (model-monitor topics create) and start the "
          + "service (model-monitor run)");
    }
    List<TopicPartition> assigned = partitions.stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(assigned);
    consumer.seekToEnd(assigned);
    assigned.forEach(consumer::position); // resolves the end offsets now, before any request
    // The first request would otherwise also pay for the topic's metadata and the schema's id.
    producer.partitionsFor(requests.name());
    requestSerializer.serialize(requests.name(), CheckRequest.newBuilder()
        .setRequestId("warm-up").setModelId("warm-up").setRequestedAt(Instant.EPOCH).build());
    poller.start();
  }

  /**
   * Sends {@code request} and returns its result as it arrives. The future fails when the request
   * cannot be sent; it never completes when no service answers (see {@link #ask}).
   */
  public CompletableFuture<CheckResult> send(CheckRequest request) {
    CompletableFuture<CheckResult> answer = new CompletableFuture<>();
    waiting.put(request.getRequestId(), answer);
    answer.whenComplete((result, error) -> waiting.remove(request.getRequestId(), answer));
    try {
      producer.send(new ProducerRecord<>(requests.name(), request.getModelId(), request),
          (metadata, error) -> {
            if (error != null) {
              answer.completeExceptionally(new IllegalStateException("could not send the check "
                  + "request to " + requests.name() + " on " + bootstrapServers + ": "
                  + error.getMessage(), error));
            }
          });
    } catch (RuntimeException e) {
      answer.completeExceptionally(new IllegalStateException("could not send the check request: "
          + e.getMessage(), e));
    }
    return answer;
  }

  /**
   * Sends {@code request} and waits up to {@code timeout} for its result.
   *
   * @throws TimeoutException when no result came in time; its message asks whether the service
   *     runs
   * @throws IllegalStateException when the request could not be sent
   */
  public CheckResult ask(CheckRequest request, Duration timeout) throws TimeoutException {
    CompletableFuture<CheckResult> answer = send(request);
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(false);
      throw new TimeoutException("check request " + request.getRequestId() + " got no result on "
          + results.name() + "; is the model-monitor service running against "
          + bootstrapServers + "? (an undecodable request would be on the dead-letter topic)");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the check result", e);
    }
  }

  private void poll() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          CompletableFuture<CheckResult> answer = waiting.get(record.key());
          if (answer == null) {
            continue; // someone else's request
          }
          try {
            answer.complete(results.valueSerde().deserializer().deserialize(record.topic(),
                record.value()));
          } catch (WireFormatException e) {
            answer.completeExceptionally(new IllegalStateException("the result for "
                + record.key() + " cannot be read: " + e.getMessage(), e));
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("reading {} failed; pending check requests fail", results.name(), e);
      waiting.values().forEach(f -> f.completeExceptionally(e));
    } finally {
      consumer.close(Duration.ofSeconds(1));
    }
  }

  @Override
  public void close() {
    running = false;
    if (poller.isAlive()) {
      consumer.wakeup();
      try {
        poller.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close(Duration.ofSeconds(1));
    }
    producer.close(Duration.ofSeconds(1));
  }
}
