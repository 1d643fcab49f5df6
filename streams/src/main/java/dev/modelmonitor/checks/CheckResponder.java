package dev.modelmonitor.checks;

import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.serde.WireFormatException;
import dev.modelmonitor.streams.Durations;
import dev.modelmonitor.topic.DeadLetterFactory;
import dev.modelmonitor.topic.Topic;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the check requests of the models this instance holds, on a thread of its own: it reads
 * the request partitions whose numbers are those of the checks application's active tasks here
 * (the topics are co-partitioned, so a request's partition is its model's), answers each from that
 * task's stores ({@link CheckAnswerer}) and produces the result, then commits the requests'
 * offsets in group {@code groupId}. The stream threads never see a request, so an answer does not
 * wait behind events or an exactly-once commit; it covers what the checks application committed.
 *
 * <p>Nothing is lost: a request whose stores are not queryable (the task is restoring or moving)
 * is read again once they are, a result that could not be sent is retried, and a task that moves
 * to another instance takes its request partition along. A malformed request gets an ERROR
 * result and a dead letter; an undecodable one a dead letter only (its requestId is unreadable).
 * Requests older than {@code maxAge} (the caller gave up long ago: the service was down) are
 * counted in {@value #EXPIRED_METRIC} and not answered.
 */
public final class CheckResponder implements AutoCloseable {
  /** Counter of requests too old to answer. */
  public static final String EXPIRED_METRIC = "modelmonitor.checks.requests.expired";
  /** The dead-letter counter the topologies use too. */
  static final String DLQ_METRIC = "modelmonitor.dlq.records";

  private static final Logger log = LoggerFactory.getLogger(CheckResponder.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final KafkaStreams streams;
  private final String modelTopic;
  private final Topic<CheckRequest> requests;
  private final Topic<CheckResult> results;
  private final Topic<DeadLetter> dlq;
  private final CheckAnswerer answerer;
  private final Duration maxAge;
  private final MeterRegistry meters;
  private final Counter expired;
  private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param streams the checks application (whose stores answer)
   * @param kafka client properties (bootstrap servers, security)
   * @param groupId the consumer group whose offsets say which requests were answered
   * @param maxAge requests older than this are not answered
   */
  public CheckResponder(KafkaStreams streams, Topics topics, Properties kafka, String groupId,
      CheckAnswerer answerer, MeterRegistry meters, Duration maxAge) {
    this.streams = streams;
    this.modelTopic = topics.predictions().name();
    this.requests = topics.checkRequests();
    this.results = topics.checkResults();
    this.dlq = topics.dlq();
    this.answerer = answerer;
    this.maxAge = maxAge;
    this.meters = meters;
    this.expired = Counter.builder(EXPIRED_METRIC)
        .description("Check requests older than checks.request-max-age, not answered")
        .register(meters);
    Properties consumerProps = new Properties();
    consumerProps.putAll(kafka);
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A partition new to the group starts at its oldest request; maxAge skips the stale ones.
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    Properties producerProps = new Properties();
    producerProps.putAll(kafka);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
        new ByteArraySerializer());
    thread = new Thread(this::run, "checks-responder");
    thread.setDaemon(true);
  }

  public synchronized void start() {
    if (running && !thread.isAlive()) {
      thread.start();
    }
  }

  private void run() {
    try {
      while (running) {
        try {
          if (follow()) {
            ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
            if (!polled.isEmpty()) {
              respond(polled);
            }
          } else {
            LockSupport.parkNanos(POLL.toNanos());
          }
        } catch (WakeupException e) {
          if (running) {
            throw e;
          }
        } catch (RuntimeException e) {
          // Kafka unreachable, a registry error: the requests stay unanswered and uncommitted.
          log.warn("answering check requests failed; retrying: {}", e.toString());
          rewindToCommitted();
          LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
      producer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Assigns the request partitions of this instance's active checks tasks; false when there are
   * none. Left as they are while the checks application is not running: its stores say when a
   * task is not queryable.
   */
  private boolean follow() {
    if (streams.state() == KafkaStreams.State.RUNNING) {
      Set<TopicPartition> local = new HashSet<>();
      for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
        for (TaskMetadata task : thread.activeTasks()) {
          for (TopicPartition partition : task.topicPartitions()) {
            if (partition.topic().equals(modelTopic)) {
              local.add(new TopicPartition(requests.name(), partition.partition()));
            }
          }
        }
      }
      if (!local.equals(consumer.assignment())) {
        consumer.assign(local);
        log.info("answering the check requests of partitions {}", local);
      }
    }
    return !consumer.assignment().isEmpty();
  }

  /**
   * After a failure: drops the partitions, so the next {@link #follow()} assigns them again and
   * reading resumes at the committed offsets, with the requests not answered yet.
   */
  private void rewindToCommitted() {
    consumer.assign(List.of());
  }

  private void respond(ConsumerRecords<byte[], byte[]> polled) {
    Map<TopicPartition, Long> next = new HashMap<>();
    Sends sends = new Sends();
    boolean waiting = false;
    for (TopicPartition partition : polled.partitions()) {
      for (ConsumerRecord<byte[], byte[]> record : polled.records(partition)) {
        if (!respond(record, sends)) {
          consumer.seek(partition, record.offset());
          waiting = true;
          break;
        }
        next.put(partition, record.offset() + 1);
      }
    }
    if (sends.count > 0) {
      producer.flush();
    }
    // A result or dead letter not sent: that request and what follows it are read again.
    for (Failed failed : sends.failed) {
      Long upTo = next.get(failed.partition());
      if (upTo != null && failed.offset() < upTo) {
        next.put(failed.partition(), failed.offset());
        consumer.seek(failed.partition(), failed.offset());
        log.warn("could not send the answer to the request at {} offset {}; retrying: {}",
            failed.partition(), failed.offset(), failed.error().toString());
      }
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    next.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
    if (!offsets.isEmpty()) {
      consumer.commitAsync(offsets, (committed, e) -> {
        if (e != null) {
          log.debug("commit of answered check requests failed (they may be answered twice)", e);
        }
      });
    }
    if (waiting || !sends.failed.isEmpty()) {
      LockSupport.parkNanos(RETRY_PAUSE_NANOS);
    }
  }

  /** Answers one request; false when its stores are not queryable now (read it again later). */
  private boolean respond(ConsumerRecord<byte[], byte[]> record, Sends sends) {
    long now = System.currentTimeMillis();
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    CheckRequest request;
    try {
      request = requests.valueSerde().deserializer().deserialize(requests.name(), record.value());
    } catch (WireFormatException e) {
      deadLetter(record, key, "DESERIALIZATION", e.reason() + ": " + e.getMessage(), now, sends);
      return true;
    }
    if (request == null) {
      deadLetter(record, key, "VALIDATION", "null value (tombstone) on an event topic", now,
          sends);
      return true;
    }
    long age = now - record.timestamp();
    if (age > maxAge.toMillis()) {
      expired.increment();
      log.info("check request {} is {} old, past checks.request-max-age {}: not answered",
          request.getRequestId(), Durations.format(Duration.ofMillis(age)),
          Durations.format(maxAge));
      return true;
    }
    String problem = answerer.problem(key, request);
    if (problem != null) {
      send(record, answerer.error(request, problem, now), sends);
      deadLetter(record, key, "VALIDATION", problem, now, sends);
      return true;
    }
    CheckResult result;
    try {
      result = answerer.answer(ChecksStores.of(streams, record.partition()), request, now);
    } catch (InvalidStateStoreException e) {
      log.debug("stores of partition {} not queryable; request {} waits", record.partition(),
          request.getRequestId(), e);
      return false;
    }
    send(record, result, sends);
    return true;
  }

  private void send(ConsumerRecord<byte[], byte[]> request, CheckResult result, Sends sends) {
    sends.send(request, new ProducerRecord<>(results.name(),
        results.keySerde().serializer().serialize(results.name(), result.getRequestId()),
        results.valueSerde().serializer().serialize(results.name(), result)));
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> record, String key, String reason,
      String message, long now, Sends sends) {
    DeadLetter letter = DeadLetterFactory.of(record, ChecksTopology.COMPONENT, reason, message,
        Instant.ofEpochMilli(now), Map.of());
    deadLetters.computeIfAbsent(reason, r -> Counter.builder(DLQ_METRIC)
            .description("Records sent to the dead-letter topic")
            .tag("component", ChecksTopology.COMPONENT)
            .tag("topic", requests.name())
            .tag("reason", r)
            .register(meters))
        .increment();
    sends.send(record, new ProducerRecord<>(dlq.name(),
        key == null ? null : dlq.keySerde().serializer().serialize(dlq.name(), key),
        dlq.valueSerde().serializer().serialize(dlq.name(), letter)));
  }

  /** The sends of one poll's answers, and which of them failed. */
  private final class Sends {
    final ConcurrentLinkedQueue<Failed> failed = new ConcurrentLinkedQueue<>();
    int count;

    void send(ConsumerRecord<byte[], byte[]> request, ProducerRecord<byte[], byte[]> record) {
      count++;
      TopicPartition partition = new TopicPartition(request.topic(), request.partition());
      producer.send(record, (metadata, e) -> {
        if (e != null) {
          failed.add(new Failed(partition, request.offset(), e));
        }
      });
    }
  }

  private record Failed(TopicPartition partition, long offset, Exception error) {}

  /** Stops answering; the requests not answered yet are answered by whoever runs next. */
  @Override
  public synchronized void close() {
    boolean started = thread.isAlive() || thread.getState() == Thread.State.TERMINATED;
    running = false;
    if (!started) { // the thread would have closed them
      consumer.close(Duration.ZERO);
      producer.close(Duration.ZERO);
      return;
    }
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
