package dev.modelmonitor.notifier;

import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.topic.DeadLetterFactory;
import dev.modelmonitor.topic.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the notifier's dead letters and completes only when the broker has them: a record's
 * offset is committed after that, so a dead letter that cannot be written (broker away) is
 * retried until it can, or until the notifier closes (then the alert is consumed again).
 */
final class DeadLetters {
  static final String COMPONENT = "notifier";
  static final String DELIVERY = "DELIVERY";
  static final String DESERIALIZATION = "DESERIALIZATION";
  static final String VALIDATION = "VALIDATION";
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final Producer<String, DeadLetter> producer;
  private final Topic<DeadLetter> dlq;
  private final Topic<Alert> alerts;
  private final NotifierMetrics metrics;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final BooleanSupplier closing;

  DeadLetters(
      Producer<String, DeadLetter> producer,
      Topic<DeadLetter> dlq,
      Topic<Alert> alerts,
      NotifierMetrics metrics,
      Clock clock,
      ScheduledExecutorService scheduler,
      BooleanSupplier closing) {
    this.producer = producer;
    this.dlq = dlq;
    this.alerts = alerts;
    this.metrics = metrics;
    this.clock = clock;
    this.scheduler = scheduler;
    this.closing = closing;
  }

  /** A record of the alerts topic that could not be read or delivered. */
  CompletableFuture<Void> record(
      ConsumerRecord<byte[], byte[]> record, String reason, String message, Map<String, String> context) {
    DeadLetter letter =
        DeadLetterFactory.of(record, COMPONENT, reason, message, clock.instant(), context);
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    return write(key, () -> letter, reason);
  }

  /** An alert whose re-notification was given up (it has no source offset). */
  CompletableFuture<Void> repeat(Alert alert, ReceiverOutcome failure) {
    return write(
        alert.getModelId(),
        () ->
            DeadLetter.newBuilder()
                .setSourceTopic(alerts.name())
                .setReason(DELIVERY)
                .setMessage(failure.error())
                .setComponent(COMPONENT)
                .setFailedAt(clock.instant())
                .setKey(ByteBuffer.wrap(alert.getModelId().getBytes(StandardCharsets.UTF_8)))
                .setValue(ByteBuffer.wrap(
                    alerts.valueSerde().serializer().serialize(alerts.name(), alert)))
                .setHeaders(delivery(failure))
                .build(),
        DELIVERY);
  }

  /** The context headers of a delivery failure. */
  static Map<String, String> delivery(ReceiverOutcome failure) {
    return Map.of("receiver", failure.receiver(), "attempts", Integer.toString(failure.attempts()));
  }

  private CompletableFuture<Void> write(
      String key, java.util.function.Supplier<DeadLetter> letter, String reason) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    attempt(key, letter, reason, done);
    return done;
  }

  private void attempt(
      String key, java.util.function.Supplier<DeadLetter> letter, String reason,
      CompletableFuture<Void> done) {
    if (closing.getAsBoolean()) {
      done.cancel(false);
      return;
    }
    try {
      producer.send(
          new ProducerRecord<>(dlq.name(), key, letter.get()),
          (metadata, error) -> {
            if (error == null) {
              metrics.deadLetterRecord(alerts.name(), reason);
              done.complete(null);
            } else {
              retryLater(key, letter, reason, done, error);
            }
          });
    } catch (RuntimeException e) {
      retryLater(key, letter, reason, done, e);
    }
  }

  private void retryLater(
      String key, java.util.function.Supplier<DeadLetter> letter, String reason,
      CompletableFuture<Void> done, Throwable error) {
    log.warn("cannot write a dead letter to {} yet, retrying in {}: {}", dlq.name(), RETRY, error.toString());
    try {
      scheduler.schedule(() -> attempt(key, letter, reason, done), RETRY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      done.cancel(false);
    }
  }
}
