package dev.modelmonitor.producer.internal;

import dev.modelmonitor.producer.DropReason;
import dev.modelmonitor.registry.SchemaRegistryException;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.StateEvent;
import dev.modelmonitor.topic.TopicNames;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one background thread: drains the {@link EventBuffer}, hashes protected features,
 * serializes to Avro (registering schemas as needed) and hands the bytes to the Kafka producer.
 * It also emits periodic events (heartbeats, resource samples) through a {@link Ticker}.
 *
 * <p>Accounting: each event drained is settled exactly once, as sent (on the broker's
 * acknowledgement) or dropped with a reason. While the schema registry is unreachable the
 * current events are kept and retried with back-off, so the buffer fills and the drop policy
 * decides what is lost, the same as for a slow broker.
 */
public final class EventSender implements Runnable {
  /** Emits periodic events. */
  @FunctionalInterface
  public interface Ticker {
    /**
     * Emits the events due at {@code nowNanos} and returns the nanoseconds until the next one is
     * due ({@code Long.MAX_VALUE} if none).
     */
    long tick(long nowNanos, Consumer<SpecificRecord> out);
  }

  private static final Logger LOG = LoggerFactory.getLogger(EventSender.class);
  private static final int BATCH = 256;
  /** Periodic events waiting behind a registry outage beyond this many are dropped. */
  private static final int MAX_IN_FLIGHT = BATCH + 64;
  private static final long MIN_IDLE_PARK = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_IDLE_PARK = TimeUnit.MILLISECONDS.toNanos(20);
  private static final long MIN_RETRY = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long MAX_RETRY = TimeUnit.SECONDS.toNanos(5);

  private final EventBuffer buffer;
  private final Supplier<Producer<String, byte[]>> producerFactory;
  private final ThrottledLog connectWarnings = new ThrottledLog(LOG);
  /** Created on this thread, so an unresolvable bootstrap host delays sending, not the app. */
  private Producer<String, byte[]> producer;
  private final Serializer<SpecificRecord> serializer;
  private final TopicNames topics;
  private final String key;
  private final FeaturePrivacy privacy;
  private final SdkMetrics metrics;
  private final ThrottledLog sendWarnings = new ThrottledLog(LOG);
  private final ThrottledLog registryWarnings = new ThrottledLog(LOG);
  private final ArrayDeque<SpecificRecord> inFlight = new ArrayDeque<>();
  private final List<SpecificRecord> drained = new ArrayList<>(BATCH);
  private final Consumer<SpecificRecord> periodicSink = this::acceptPeriodic;

  private volatile Ticker ticker;
  private volatile boolean closing;
  private volatile long deadlineNanos;
  private volatile SpecificRecord lastEvent;
  private volatile boolean finished;
  private volatile Thread thread;

  public EventSender(
      EventBuffer buffer,
      Supplier<Producer<String, byte[]>> producerFactory,
      Serializer<SpecificRecord> serializer,
      TopicNames topics,
      String key,
      FeaturePrivacy privacy,
      SdkMetrics metrics) {
    this.buffer = buffer;
    this.producerFactory = producerFactory;
    this.serializer = serializer;
    this.topics = topics;
    this.key = key;
    this.privacy = privacy;
    this.metrics = metrics;
  }

  /** Starts emitting periodic events. */
  public void startTicking(Ticker ticker) {
    this.ticker = ticker;
    wake();
  }

  /**
   * Asks the thread to send what is buffered until {@code deadlineNanos}, then {@code lastEvent}
   * (may be null), then to close the producer with the time left.
   */
  public void close(long deadlineNanos, SpecificRecord lastEvent) {
    this.deadlineNanos = deadlineNanos;
    this.lastEvent = lastEvent;
    this.closing = true;
    wake();
  }

  /** True once the thread has stopped taking events from the buffer. */
  public boolean finished() {
    return finished;
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    long idlePark = MIN_IDLE_PARK;
    long retry = MIN_RETRY;
    long connectRetry = MIN_RETRY;
    try {
      while (true) {
        long now = System.nanoTime();
        long untilTick = tick(now);
        if (closing && now - deadlineNanos >= 0) {
          break;
        }
        // Until the producer exists, events wait in the buffer and the drop policy applies.
        if (producer == null && !connect()) {
          if (closing) {
            break;
          }
          LockSupport.parkNanos(this, Math.min(connectRetry, untilTick));
          connectRetry = Math.min(connectRetry * 2, MAX_RETRY);
          continue;
        }
        if (inFlight.isEmpty()) {
          takeFromBuffer();
        }
        if (inFlight.isEmpty()) {
          if (closing) {
            break;
          }
          LockSupport.parkNanos(this, Math.min(idlePark, untilTick));
          idlePark = Math.min(idlePark * 2, MAX_IDLE_PARK);
          continue;
        }
        idlePark = MIN_IDLE_PARK;
        while (!inFlight.isEmpty()) {
          if (!send(inFlight.peek())) {
            LockSupport.parkNanos(this, closing ? Math.min(retry, remaining()) : retry);
            retry = Math.min(retry * 2, MAX_RETRY);
            break;
          }
          retry = MIN_RETRY;
          inFlight.poll();
          if (closing && System.nanoTime() - deadlineNanos >= 0) {
            break;
          }
        }
      }
    } catch (Throwable t) {
      LOG.error("model-monitor sender stopped unexpectedly; remaining events are dropped", t);
    } finally {
      finish();
    }
  }

  private boolean connect() {
    try {
      producer = producerFactory.get();
      return true;
    } catch (Throwable e) {
      connectWarnings.warn("cannot create the Kafka producer yet, retrying; events wait in the buffer", e);
      return false;
    }
  }

  private long tick(long now) {
    Ticker t = ticker;
    if (t == null || closing) {
      return Long.MAX_VALUE;
    }
    try {
      return Math.max(0, t.tick(now, periodicSink));
    } catch (Throwable e) {
      LOG.warn("model-monitor periodic event failed", e);
      return MAX_IDLE_PARK;
    }
  }

  private void acceptPeriodic(SpecificRecord event) {
    metrics.recorded();
    if (inFlight.size() >= MAX_IN_FLIGHT) {
      metrics.dropped(DropReason.BUFFER_FULL);
      return;
    }
    if (protect(event)) {
      inFlight.add(event);
    }
  }

  private void takeFromBuffer() {
    drained.clear();
    buffer.drainTo(drained, BATCH);
    for (SpecificRecord event : drained) {
      if (protect(event)) {
        inFlight.add(event);
      }
    }
    drained.clear();
  }

  /**
   * Hashes protected features, once, when the event is taken for sending; false (dropped) if
   * that fails, since the raw values must not go out.
   */
  private boolean protect(SpecificRecord event) {
    try {
      if (privacy.active() && event instanceof PredictionEvent p) {
        privacy.apply(p.getFeatures());
      }
      return true;
    } catch (Throwable e) {
      sendWarnings.warn("cannot hash protected features, dropping the event", e);
      metrics.dropped(DropReason.ERROR);
      return false;
    }
  }

  /** Hands {@code event} to the producer, or drops it; false when it must be retried later. */
  private boolean send(SpecificRecord event) {
    String topic = topicOf(event);
    byte[] value;
    try {
      value = serializer.serialize(topic, event);
    } catch (SchemaRegistryException e) {
      metrics.registryError();
      if (e.isUnreachable() || e.status() >= 500 || e.status() == 429) {
        registryWarnings.warn("schema registry unavailable, holding events", e);
        return false;
      }
      registryWarnings.warn("schema registry rejected the " + topic + " schema, dropping", e);
      metrics.dropped(DropReason.SERIALIZATION);
      return true;
    } catch (Throwable e) {
      sendWarnings.warn("cannot serialize a " + event.getSchema().getName() + ", dropping", e);
      metrics.dropped(DropReason.SERIALIZATION);
      return true;
    }
    Delivery delivery = new Delivery(System.nanoTime());
    try {
      producer.send(new ProducerRecord<>(topic, null, timestampOf(event), key, value), delivery);
    } catch (Throwable e) {
      delivery.failed(e);
    }
    return true;
  }

  private void finish() {
    // Callers that enqueue after this flag see it and clear the buffer themselves.
    finished = true;
    int left = inFlight.size() + buffer.clear();
    inFlight.clear();
    if (left > 0) {
      metrics.dropped(DropReason.CLOSED, left);
    }
    SpecificRecord last = lastEvent;
    if (last != null) {
      metrics.recorded();
      if (producer == null) {
        metrics.dropped(DropReason.CLOSED);
      } else if (protect(last) && !send(last)) {
        metrics.dropped(DropReason.CLOSED);
      }
    }
    if (producer == null) {
      return;
    }
    try {
      // Records the producer still holds fail through their callbacks: counted as send_failed.
      producer.close(Duration.ofNanos(remaining()));
    } catch (Throwable t) {
      LOG.warn("model-monitor producer did not close cleanly", t);
    }
  }

  private long remaining() {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }

  private void wake() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private String topicOf(SpecificRecord event) {
    if (event instanceof PredictionEvent) {
      return topics.predictions();
    }
    if (event instanceof LabelEvent) {
      return topics.labels();
    }
    if (event instanceof StateEvent) {
      return topics.state();
    }
    throw new IllegalArgumentException("not a monitoring event: " + event.getSchema().getName());
  }

  private static Long timestampOf(SpecificRecord event) {
    if (event instanceof PredictionEvent p) {
      return p.getTimestamp().toEpochMilli();
    }
    if (event instanceof LabelEvent l) {
      return l.getTimestamp().toEpochMilli();
    }
    if (event instanceof StateEvent s) {
      return s.getTimestamp().toEpochMilli();
    }
    return null;
  }

  /** Settles one event exactly once, whichever of the callback or a synchronous failure comes. */
  private final class Delivery extends AtomicBoolean implements Callback {
    private final long startNanos;

    Delivery(long startNanos) {
      this.startNanos = startNanos;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception == null) {
        if (compareAndSet(false, true)) {
          metrics.sent(System.nanoTime() - startNanos);
        }
      } else {
        failed(exception);
      }
    }

    void failed(Throwable e) {
      if (compareAndSet(false, true)) {
        metrics.dropped(DropReason.SEND_FAILED);
        sendWarnings.warn("Kafka did not take a monitoring event, dropping", e);
      }
    }
  }
}
