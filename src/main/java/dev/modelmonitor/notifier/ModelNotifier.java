package dev.modelmonitor.notifier;

import dev.modelmonitor.notifier.config.NotifierConfig;
import dev.modelmonitor.registry.SchemaRegistryException;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.serde.WireFormatException;
import dev.modelmonitor.topic.Topic;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code <prefix>alerts} and delivers every alert to the receivers its routes choose
 * (see {@link Dispatcher}), at least once: a partition's offset is committed only past alerts
 * that every matched receiver accepted or that were written to {@code <prefix>dlq} (reason
 * DELIVERY, headers {@code receiver} and {@code attempts}). A notifier that stops in the middle of
 * a retry leaves the alert uncommitted, so the next one on the same group delivers it again;
 * receivers drop the duplicate by its idempotency key {@code alertId:status}. Records that cannot
 * be read go to the dead-letter topic too (reason DESERIALIZATION) and never stall the consumer.
 *
 * <p>When partitions are assigned, the alerts still firing in them are learnt from the topic (the
 * last {@code state_lookback}) so repeats go on across restarts and rebalances; a repeat that came
 * due meanwhile is sent at once. Alerts of partitions taken away are no longer repeated here.
 */
public final class ModelNotifier implements AutoCloseable {
  /** The consumer group when the Kafka properties name none. */
  public static final String DEFAULT_GROUP_ID = "model-monitor-notifier";

  static final int MAX_IN_FLIGHT = 10_000;
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration REGISTRY_BACKOFF = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(ModelNotifier.class);

  private final NotifierConfig config;
  private final Topic<Alert> alerts;
  private final Deserializer<Alert> alertReader;
  private final Properties consumerProperties;
  private final NotifierMetrics metrics;
  private final Clock clock;
  private final Dispatcher dispatcher;
  private final KafkaProducer<String, DeadLetter> producer;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(Receiver.threads("notifier-dlq"));
  private final DeadLetters deadLetters;
  private final ConcurrentLinkedQueue<TopicPartitionOffset> done = new ConcurrentLinkedQueue<>();
  private final OffsetTracker offsets = new OffsetTracker();
  private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
  /** The partition of every firing alert this notifier repeats (poll thread only). */
  private final Map<String, TopicPartition> firingIn = new HashMap<>();
  private volatile boolean closing;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private Thread thread;

  private record TopicPartitionOffset(TopicPartition partition, long offset) {}

  /**
   * @param kafka Kafka client properties ({@code bootstrap.servers}, security, optionally {@code
   *     group.id}) shared by the notifier's consumer and dead-letter producer
   */
  public ModelNotifier(NotifierConfig config, Topics topics, Properties kafka, MeterRegistry meters) {
    this(config, topics, kafka, meters, Clock.systemUTC());
  }

  ModelNotifier(
      NotifierConfig config, Topics topics, Properties kafka, MeterRegistry meters, Clock clock) {
    this.config = config;
    this.alerts = topics.alerts();
    this.alertReader = alerts.valueSerde().deserializer();
    this.metrics = new NotifierMetrics(meters);
    this.clock = clock;
    this.consumerProperties = consumerProperties(kafka);
    this.producer =
        new KafkaProducer<>(
            producerProperties(kafka),
            topics.dlq().keySerde().serializer(),
            topics.dlq().valueSerde().serializer());
    this.deadLetters =
        new DeadLetters(producer, topics.dlq(), alerts, metrics, clock, scheduler, () -> closing);
    this.dispatcher = new Dispatcher(config, meters, clock, this::repeatFailures);
  }

  static Properties consumerProperties(Properties kafka) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, DEFAULT_GROUP_ID);
    // Never lose an alert published before the group's first start.
    p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.remove(ProducerConfig.ACKS_CONFIG);
    return p;
  }

  static Properties producerProperties(Properties kafka) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.remove(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
    return p;
  }

  /** The consumer group this notifier commits in. */
  public String groupId() {
    return consumerProperties.getProperty(ConsumerConfig.GROUP_ID_CONFIG);
  }

  /** Starts consuming on a thread of its own; returns at once. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("the notifier is already started");
    }
    thread = new Thread(this::run, "model-notifier");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer = c;
      if (closing) {
        return;
      }
      c.subscribe(List.of(alerts.name()), new Rebalance(c));
      try {
        while (!closing) {
          settle(c);
          for (ConsumerRecord<byte[], byte[]> record : c.poll(POLL)) {
            handle(c, record);
          }
        }
      } catch (WakeupException e) {
        // close() woke the consumer up.
      }
      commitFinished(c);
    } catch (RuntimeException e) {
      log.error("the notifier stopped: {}", e.toString(), e);
    } finally {
      consumer = null;
    }
  }

  private void restoreFiring(Collection<TopicPartition> partitions) {
    try {
      List<FiringStateLoader.Firing> firing =
          FiringStateLoader.firing(consumerProperties, alerts.name(), partitions, alertReader,
              config.global().stateLookback(), clock);
      for (FiringStateLoader.Firing f : firing) {
        dispatcher.restoreFiring(f.alert());
        firingIn.put(f.alert().getAlertId(), f.partition());
      }
      if (!firing.isEmpty()) {
        log.info("{} alert(s) still firing; repeats continue", firing.size());
      }
    } catch (RuntimeException e) {
      log.warn("could not learn which alerts are still firing; repeats of alerts older than this"
          + " start will not be sent: {}", e.toString());
    }
  }

  /** Applies finished deliveries, commits what moved, pauses while too much is in flight. */
  private void settle(KafkaConsumer<byte[], byte[]> c) {
    for (TopicPartitionOffset finished; (finished = done.poll()) != null; ) {
      offsets.finished(finished.partition(), finished.offset());
    }
    Map<TopicPartition, OffsetAndMetadata> commit = offsets.toCommit();
    if (!commit.isEmpty()) {
      c.commitAsync(commit, (o, e) -> {
        if (e != null) {
          log.warn("commit failed, will retry with the next progress: {}", e.toString());
        }
      });
      offsets.committed(commit);
    }
    Set<TopicPartition> assigned = c.assignment();
    long now = clock.millis();
    pausedUntil.entrySet().removeIf(e -> e.getValue() <= now || !assigned.contains(e.getKey()));
    Set<TopicPartition> pause =
        offsets.inFlight() >= MAX_IN_FLIGHT ? assigned : new HashSet<>(pausedUntil.keySet());
    Set<TopicPartition> resume = new HashSet<>(assigned);
    resume.removeAll(pause);
    c.pause(pause);
    c.resume(resume);
  }

  private void commitFinished(KafkaConsumer<byte[], byte[]> c) {
    for (TopicPartitionOffset finished; (finished = done.poll()) != null; ) {
      offsets.finished(finished.partition(), finished.offset());
    }
    Map<TopicPartition, OffsetAndMetadata> commit = offsets.toCommit();
    if (!commit.isEmpty()) {
      try {
        c.commitSync(commit, Duration.ofSeconds(10));
        offsets.committed(commit);
      } catch (RuntimeException e) {
        log.warn("final commit failed; those alerts will be delivered again: {}", e.toString());
      }
    }
  }

  private void handle(KafkaConsumer<byte[], byte[]> c, ConsumerRecord<byte[], byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    if (pausedUntil.containsKey(tp)) {
      return; // rewound below; these records come again
    }
    offsets.started(tp, record.offset());
    Alert alert;
    try {
      alert = alertReader.deserialize(record.topic(), record.value());
    } catch (WireFormatException e) {
      finishAfter(tp, record, deadLetters.record(record, DeadLetters.DESERIALIZATION,
          e.reason() + ": " + e.getMessage(), Map.of()));
      return;
    } catch (SchemaRegistryException e) {
      // Not the record's fault: read it again once the registry answers.
      log.warn("schema registry unavailable, retrying {} in {}: {}", tp, REGISTRY_BACKOFF, e.getMessage());
      offsets.rewind(tp, record.offset());
      c.seek(tp, record.offset());
      pausedUntil.put(tp, clock.millis() + REGISTRY_BACKOFF.toMillis());
      return;
    }
    if (alert == null) {
      finishAfter(tp, record, deadLetters.record(record, DeadLetters.VALIDATION,
          "null value (tombstone) on the alerts topic", Map.of()));
      return;
    }
    if (alert.getStatus() == AlertStatus.FIRING) {
      firingIn.put(alert.getAlertId(), tp);
    } else {
      firingIn.remove(alert.getAlertId());
    }
    finishAfter(tp, record,
        dispatcher.dispatch(alert).thenCompose(result -> deadLetterFailures(record, result)));
  }

  private CompletableFuture<Void> deadLetterFailures(
      ConsumerRecord<byte[], byte[]> record, DispatchResult result) {
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (ReceiverOutcome failure : result.failures()) {
      writes.add(
          deadLetters
              .record(record, DeadLetters.DELIVERY, failure.error(), DeadLetters.delivery(failure))
              .thenRun(() -> metrics.deadLettered(failure.receiver())));
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  private void finishAfter(
      TopicPartition tp, ConsumerRecord<byte[], byte[]> record, CompletableFuture<Void> work) {
    work.whenComplete(
        (v, error) -> {
          Throwable cause = error instanceof CompletionException && error.getCause() != null
              ? error.getCause() : error;
          if (cause == null) {
            done.add(new TopicPartitionOffset(tp, record.offset()));
          } else if (!(cause instanceof CancellationException)) {
            // Leaves the offset uncommitted: the alert is delivered again after a restart.
            log.error("alert at {}-{} could not be handled", tp, record.offset(), cause);
          }
        });
  }

  private void repeatFailures(DispatchResult result) {
    for (ReceiverOutcome failure : result.failures()) {
      deadLetters.repeat(result.alert(), failure)
          .thenRun(() -> metrics.deadLettered(failure.receiver()));
    }
  }

  /** Commits what is finished before partitions move to another notifier. */
  private final class Rebalance implements ConsumerRebalanceListener {
    private final KafkaConsumer<byte[], byte[]> c;

    Rebalance(KafkaConsumer<byte[], byte[]> c) {
      this.c = c;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      for (TopicPartitionOffset finished; (finished = done.poll()) != null; ) {
        offsets.finished(finished.partition(), finished.offset());
      }
      Map<TopicPartition, OffsetAndMetadata> commit = offsets.toCommit();
      commit.keySet().retainAll(partitions);
      if (!commit.isEmpty()) {
        try {
          c.commitSync(commit);
        } catch (RuntimeException e) {
          log.warn("commit on revocation failed; those alerts will be delivered again: {}", e.toString());
        }
      }
      partitions.forEach(offsets::forget);
      // Another notifier owns these alerts now, repeats included.
      List<String> moved = firingIn.entrySet().stream()
          .filter(e -> partitions.contains(e.getValue())).map(Map.Entry::getKey).toList();
      dispatcher.forgetFiring(moved);
      moved.forEach(firingIn::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        restoreFiring(partitions);
      }
    }
  }

  /**
   * Stops consuming and commits what was delivered; deliveries still pending or in retry are
   * abandoned uncommitted, so the next notifier on the group delivers them again.
   */
  @Override
  public void close() {
    closing = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    dispatcher.close();
    scheduler.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }
}
