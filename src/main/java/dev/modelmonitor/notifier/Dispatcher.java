package dev.modelmonitor.notifier;

import dev.modelmonitor.notifier.channel.Channel;
import dev.modelmonitor.notifier.channel.Channels;
import dev.modelmonitor.notifier.channel.DeliveryException;
import dev.modelmonitor.notifier.channel.Notification;
import dev.modelmonitor.notifier.config.NotifierConfig;
import dev.modelmonitor.notifier.config.ReceiverConfig;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to the receivers their routes choose, without Kafka: each receiver on its own
 * threads, each attempt bounded by the receiver's timeout, failures retried with exponential
 * backoff and jitter, permanent failures (4xx, refused addresses) given up at once. The returned
 * future completes when every receiver has delivered or given up; it is cancelled, never
 * completed, for deliveries still pending at {@link #close()}.
 *
 * <p>Notifications of one alert reach a receiver in order (a RESOLVED never overtakes its
 * FIRING). With a group window, alerts for the same model and receiver within the window travel
 * in one message. Still-firing alerts are sent again every repeat interval; the outcomes of those
 * repeats go to the {@code onRepeat} listener.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final NotifierConfig config;
  private final Router router;
  private final Map<String, Receiver> receivers = new LinkedHashMap<>();
  private final NotifierMetrics metrics;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Consumer<DispatchResult> onRepeat;
  private final ScheduledExecutorService scheduler;
  private final FiringAlerts firing;
  /** The last pending notification per receiver and alert, which the next one waits for. */
  private final Map<String, CompletableFuture<ReceiverOutcome>> tails = new HashMap<>();
  private final Map<String, Batch> batches = new HashMap<>();
  private final Set<CompletableFuture<ReceiverOutcome>> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private static final class Batch {
    final List<Alert> alerts = new ArrayList<>();
    final CompletableFuture<ReceiverOutcome> result = new CompletableFuture<>();
  }

  /**
   * A dispatcher with the channels the configuration describes.
   *
   * @param onRepeat told the outcome of every re-notification of a still-firing alert
   */
  public Dispatcher(
      NotifierConfig config, MeterRegistry meters, Clock clock, Consumer<DispatchResult> onRepeat) {
    this(config, channels(config, clock), meters, clock, ThreadLocalRandom.current()::nextDouble,
        onRepeat);
  }

  Dispatcher(
      NotifierConfig config,
      Map<String, Channel> channels,
      MeterRegistry meters,
      Clock clock,
      DoubleSupplier random,
      Consumer<DispatchResult> onRepeat) {
    this.config = config;
    this.router = new Router(config);
    this.metrics = new NotifierMetrics(meters);
    this.clock = clock;
    this.random = random;
    this.onRepeat = onRepeat;
    for (ReceiverConfig receiver : config.receivers()) {
      receivers.put(receiver.name(), new Receiver(receiver, channels.get(receiver.name())));
    }
    this.firing = new FiringAlerts(name -> receivers.get(name).config().repeatInterval());
    this.scheduler = Executors.newScheduledThreadPool(1, Receiver.threads("notifier-scheduler"));
    Duration tick = repeatTick(config);
    if (tick != null) {
      scheduler.scheduleWithFixedDelay(
          this::repeatDue, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static Map<String, Channel> channels(NotifierConfig config, Clock clock) {
    Map<String, Channel> channels = new HashMap<>();
    for (ReceiverConfig receiver : config.receivers()) {
      channels.put(receiver.name(), Channels.create(receiver, clock));
    }
    return channels;
  }

  /** How often due repeats are looked for: a quarter of the shortest interval, 100 ms to 1 s. */
  static Duration repeatTick(NotifierConfig config) {
    return config.receivers().stream()
        .map(ReceiverConfig::repeatInterval)
        .filter(d -> !d.isZero())
        .min(Duration::compareTo)
        .map(d -> d.dividedBy(4))
        .map(d -> d.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : d)
        .map(d -> d.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : d)
        .orElse(null);
  }

  /** Routes and delivers {@code alert}; the future completes with every receiver's outcome. */
  public CompletableFuture<DispatchResult> dispatch(Alert alert) {
    List<String> targets = router.route(alert);
    if (targets.isEmpty()) {
      metrics.unrouted();
      log.info("alert {} ({} {}) matched no route and there is no default receiver",
          alert.getAlertId(), alert.getRuleId(), alert.getModelId());
      return CompletableFuture.completedFuture(new DispatchResult(alert, List.of()));
    }
    if (alert.getStatus() == AlertStatus.FIRING) {
      firing.fired(alert, targets, clock.instant());
    } else {
      firing.resolved(alert.getAlertId());
    }
    List<CompletableFuture<ReceiverOutcome>> parts = new ArrayList<>();
    for (String target : targets) {
      Receiver receiver = receivers.get(target);
      parts.add(
          config.global().groupWait().isZero()
              ? deliver(receiver, new Notification(target, List.of(alert), 0))
              : gather(receiver, alert));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(v -> new DispatchResult(alert, parts.stream().map(CompletableFuture::join).toList()));
  }

  /**
   * Remembers a FIRING alert found at start, so that it is repeated an interval after it was
   * emitted (at once when that has passed).
   */
  public void restoreFiring(Alert alert) {
    List<String> targets = router.route(alert);
    firing.fired(alert, targets, alert.getEmittedAt());
  }

  /** Stops repeating these alerts (their partition moved to another notifier). */
  public void forgetFiring(Collection<String> alertIds) {
    alertIds.forEach(firing::resolved);
  }

  /** Alerts currently firing with a repeat scheduled. */
  int firingCount() {
    return firing.size();
  }

  private synchronized CompletableFuture<ReceiverOutcome> gather(Receiver receiver, Alert alert) {
    String key = receiver.name() + '\u0000' + alert.getModelId();
    Batch batch = batches.get(key);
    if (batch == null) {
      Batch created = new Batch();
      batch = created;
      batches.put(key, created);
      pending.add(created.result);
      created.result.whenComplete((o, e) -> pending.remove(created.result));
      schedule(() -> flush(receiver, key, created), config.global().groupWait(), created.result);
    }
    batch.alerts.add(alert);
    return batch.result;
  }

  private void flush(Receiver receiver, String key, Batch batch) {
    List<Alert> alerts;
    synchronized (this) {
      batches.remove(key, batch);
      alerts = List.copyOf(batch.alerts);
    }
    deliver(receiver, new Notification(receiver.name(), alerts, 0))
        .whenComplete(
            (outcome, error) -> {
              if (error != null) {
                batch.result.cancel(false);
              } else {
                batch.result.complete(outcome);
              }
            });
  }

  private CompletableFuture<ReceiverOutcome> deliver(Receiver receiver, Notification n) {
    CompletableFuture<ReceiverOutcome> result = new CompletableFuture<>();
    List<String> keys =
        n.alerts().stream().map(a -> receiver.name() + '\u0000' + a.getAlertId()).distinct().toList();
    CompletableFuture<?> before;
    synchronized (tails) {
      before =
          CompletableFuture.allOf(
              keys.stream().map(tails::get).filter(Objects::nonNull).toArray(CompletableFuture[]::new));
      keys.forEach(k -> tails.put(k, result));
    }
    pending.add(result);
    result.whenComplete(
        (o, e) -> {
          pending.remove(result);
          synchronized (tails) {
            keys.forEach(k -> tails.remove(k, result));
          }
        });
    before.whenComplete((v, e) -> attempt(receiver, n, 1, result));
    return result;
  }

  private void attempt(
      Receiver receiver, Notification n, int attempt, CompletableFuture<ReceiverOutcome> result) {
    if (closed) {
      result.cancel(false);
      return;
    }
    receiver
        .send(n, scheduler)
        .whenComplete(
            (v, error) -> {
              if (error == null) {
                delivered(receiver, n, attempt, result);
                return;
              }
              if (closed) {
                result.cancel(false);
                return;
              }
              Throwable cause = unwrap(error);
              metrics.failed(receiver.name());
              boolean permanent = cause instanceof DeliveryException d && d.isPermanent();
              String message = describe(cause);
              int max = receiver.config().retry().maxAttempts();
              if (permanent || attempt >= max) {
                log.warn("giving up on {} to {} after {} attempt(s): {}",
                    n.idempotencyKey(), receiver.name(), attempt, message);
                result.complete(
                    ReceiverOutcome.failed(
                        receiver.name(), attempt,
                        (permanent ? "permanent failure: " : "gave up after " + attempt
                            + " attempts: ") + message));
                return;
              }
              Duration wait = receiver.config().retry().backoff(attempt, random.getAsDouble());
              metrics.retried(receiver.name());
              log.info("delivery of {} to {} failed (attempt {} of {}), retrying in {}: {}",
                  n.idempotencyKey(), receiver.name(), attempt, max, wait, message);
              schedule(() -> attempt(receiver, n, attempt + 1, result), wait, result);
            });
  }

  private void delivered(
      Receiver receiver, Notification n, int attempts, CompletableFuture<ReceiverOutcome> result) {
    metrics.delivered(receiver.name());
    if (n.repeat() == 0) {
      for (Alert alert : n.alerts()) {
        metrics.latency(receiver.name(), Duration.between(alert.getEmittedAt(), clock.instant()));
      }
    }
    result.complete(ReceiverOutcome.delivered(receiver.name(), attempts));
  }

  private void schedule(Runnable task, Duration delay, CompletableFuture<?> cancelOnReject) {
    try {
      scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      cancelOnReject.cancel(false);
    }
  }

  private void repeatDue() {
    try {
      for (FiringAlerts.Due due : firing.due(clock.instant())) {
        Alert alert = due.alert();
        deliver(receivers.get(due.receiver()),
                new Notification(due.receiver(), List.of(alert), due.repeat()))
            .whenComplete(
                (outcome, error) -> {
                  firing.repeated(alert.getAlertId(), due.receiver(), clock.instant());
                  if (outcome != null) {
                    onRepeat.accept(new DispatchResult(alert, List.of(outcome)));
                  }
                });
      }
    } catch (RuntimeException e) {
      // A failing listener must not end the periodic task.
      log.error("repeat notifications failed", e);
    }
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String describe(Throwable t) {
    if (t instanceof DeliveryException || t instanceof CancellationException) {
      return t.getMessage();
    }
    return t.toString();
  }

  /**
   * Stops: pending deliveries and retries are abandoned and their futures cancelled (their
   * alerts are not committed, so the next notifier on the group delivers them again).
   */
  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    receivers.values().forEach(Receiver::close);
    for (CompletableFuture<ReceiverOutcome> f : List.copyOf(pending)) {
      f.cancel(false);
    }
  }
}
