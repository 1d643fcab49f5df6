package dev.modelmonitor.producer;

import dev.modelmonitor.producer.internal.EventBuffer;
import dev.modelmonitor.producer.internal.EventSanitizer;
import dev.modelmonitor.producer.internal.EventSender;
import dev.modelmonitor.producer.internal.ResourceSampler;
import dev.modelmonitor.producer.internal.SdkMetrics;
import dev.modelmonitor.registry.SchemaRegistryClient;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.StateEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the state of one model instance to the monitoring topics: predictions, late ground
 * truth labels, lifecycle changes, heartbeats and container resource samples, as Avro events
 * keyed by model id.
 *
 * <pre>{@code
 * try (ModelMonitor monitor = ModelMonitor.builder()
 *     .bootstrapServers("kafka:9092").schemaRegistryUrl("http://registry:8081")
 *     .modelId("churn").modelVersion("3").build()) {
 *   monitor.start();                                          // STARTING, READY, then heartbeats
 *   String label = monitor.predict(features, () -> model.predict(features));
 *   monitor.recordLabel(requestId, actual);                   // later, when truth is known
 * }                                                           // flushes, then STOPPED
 * }</pre>
 *
 * <h2>Never hurts the app</h2>
 * Recording calls run on the caller's thread only to check and copy the data and put one event
 * into a bounded buffer; one background thread serializes and sends. No recording call ever
 * throws because of bad data, a slow or absent broker or registry, or a bug in the SDK: such
 * events are dropped and counted by {@link DropReason}. A call waits only under {@link
 * DropPolicy#block(Duration)}, and then at most for the configured time. Memory is bounded by the
 * buffer size (events) plus the Kafka producer's {@code buffer.memory}. When Kafka comes back,
 * sending resumes on its own.
 *
 * <h2>What happens to values</h2>
 * Feature values become {@code null | boolean | long | double | string}: whole numbers become
 * long, other numbers double, characters and enums strings; NaN and infinities become null
 * (missing); strings longer than {@code maxStringLength} are cut; values of other types (lists,
 * dates, ...) drop that feature; blank feature names drop the feature; more than {@code
 * maxFeatures} features drop the event ({@link DropReason#INVALID}). Field fixes are counted in
 * {@code modelmonitor.sdk.fields.adjusted{reason}}. Redacted features are never copied;
 * hashed features are replaced by their HMAC-SHA256 before the event leaves the process.
 *
 * <p>Thread-safe: one instance per model per process, shared by all request threads.
 */
public final class ModelMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelMonitor.class);

  private final String modelId;
  private final Instance instance;
  private final Clock clock;
  private final Events events;
  private final EventBuffer buffer;
  private final SdkMetrics metrics;
  private final EventSender sender;
  private final Thread senderThread;
  private final ResourceSampler sampler;
  private final Duration heartbeatInterval;
  private final Duration resourceInterval;
  private final Duration closeTimeout;
  private final Duration maxSendBlock;
  private final SchemaRegistryClient ownedRegistry;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean closed;

  ModelMonitor(
      ModelMonitorBuilder config,
      Instance instance,
      EventSanitizer sanitizer,
      SdkMetrics metrics,
      EventBuffer buffer,
      EventSender sender,
      ResourceSampler sampler,
      SchemaRegistryClient ownedRegistry) {
    this.modelId = config.modelId;
    this.instance = instance;
    this.clock = config.clock;
    this.metrics = metrics;
    this.buffer = buffer;
    this.sender = sender;
    this.sampler = sampler;
    this.heartbeatInterval = config.heartbeatInterval;
    this.resourceInterval = config.resourceSampleInterval;
    this.closeTimeout = config.closeTimeout;
    this.maxSendBlock = config.maxSendBlock;
    this.ownedRegistry = ownedRegistry;
    this.events = new Events(modelId, config.modelVersion, instance, clock, sanitizer);
    this.senderThread = new Thread(sender, "model-monitor-sender-" + modelId);
    senderThread.setDaemon(true);
    senderThread.start();
  }

  /** A builder; {@code modelId}, bootstrap servers and the registry are required. */
  public static ModelMonitorBuilder builder() {
    return new ModelMonitorBuilder();
  }

  /**
   * Announces the instance: publishes STARTING then READY, then a heartbeat every heartbeat
   * interval and a resource sample every resource-sample interval until {@link #close()}. Later
   * calls do nothing. Predictions recorded before {@code start()} are sent all the same.
   */
  public void start() {
    try {
      if (closed || !started.compareAndSet(false, true)) {
        return;
      }
      record(events.lifecycle(LifecycleState.STARTING, null));
      record(events.lifecycle(LifecycleState.READY, null));
      sender.startTicking(
          new StatePulse(events, sampler, clock, heartbeatInterval, resourceInterval));
    } catch (Throwable t) {
      LOG.warn("model-monitor could not start its periodic events", t);
    }
  }

  /**
   * Records one prediction and returns its request id (generated when the prediction has none),
   * or null when the prediction itself is null. Never throws.
   */
  public String recordPrediction(Prediction prediction) {
    try {
      metrics.recorded();
      if (prediction == null) {
        metrics.dropped(DropReason.INVALID);
        return null;
      }
      if (closed) {
        metrics.dropped(DropReason.CLOSED);
        return prediction.requestId;
      }
      PredictionEvent event = events.prediction(prediction);
      if (event == null) {
        metrics.dropped(DropReason.INVALID);
        return prediction.requestId;
      }
      enqueue(event);
      return event.getRequestId();
    } catch (Throwable t) {
      metrics.dropped(DropReason.ERROR);
      return null;
    }
  }

  /**
   * Starts timing a model call on {@code features}; the prediction is recorded when the returned
   * timer is closed. See {@link PredictionTimer}.
   */
  public PredictionTimer startPrediction(Map<String, ?> features) {
    return new PredictionTimer(this, Prediction.of(features));
  }

  /** Starts timing a model call for {@code prediction} (features, request id ...). */
  public PredictionTimer startPrediction(Prediction prediction) {
    return new PredictionTimer(this, prediction == null ? Prediction.of(null) : prediction);
  }

  /**
   * Runs {@code call}, records its result as the prediction on {@code features} with the time
   * it took, and returns the result. When the call throws, records an ERROR (TIMEOUT for a {@link
   * java.util.concurrent.TimeoutException}) with the exception's class and message, then
   * rethrows the exception unchanged.
   */
  public <T, E extends Exception> T predict(Map<String, ?> features, ModelCall<T, E> call) throws E {
    return predict(Prediction.of(features), call);
  }

  /** As {@link #predict(Map, ModelCall)}, for a prediction with more set (request id ...). */
  public <T, E extends Exception> T predict(Prediction prediction, ModelCall<T, E> call) throws E {
    try (PredictionTimer timer = startPrediction(prediction)) {
      try {
        return timer.result(call.call());
      } catch (Exception | Error e) {
        timer.failed(e);
        throw e;
      }
    }
  }

  /**
   * Records the ground truth for an earlier prediction. A blank {@code requestId} drops the
   * label ({@link DropReason#INVALID}). Never throws.
   */
  public void recordLabel(String requestId, Object actual) {
    try {
      metrics.recorded();
      if (closed) {
        metrics.dropped(DropReason.CLOSED);
        return;
      }
      LabelEvent event = events.label(requestId, actual);
      if (event == null) {
        metrics.dropped(DropReason.INVALID);
        return;
      }
      enqueue(event);
    } catch (Throwable t) {
      metrics.dropped(DropReason.ERROR);
    }
  }

  /**
   * Records a lifecycle change of this instance, for example {@code DEGRADED} with the reason.
   * A null state is dropped ({@link DropReason#INVALID}). Never throws.
   */
  public void state(LifecycleState state, String reason) {
    try {
      metrics.recorded();
      if (state == null) {
        metrics.dropped(DropReason.INVALID);
        return;
      }
      if (closed) {
        metrics.dropped(DropReason.CLOSED);
        return;
      }
      enqueue(events.lifecycle(state, reason));
    } catch (Throwable t) {
      metrics.dropped(DropReason.ERROR);
    }
  }

  /** The model id every event carries. */
  public String modelId() {
    return modelId;
  }

  /** Where this process runs, as stamped on every event. */
  public Instance instance() {
    return instance;
  }

  /** Events waiting in the buffer right now. */
  public int bufferDepth() {
    return buffer.size();
  }

  /** Closes within the configured close timeout; see {@link #close(Duration)}. */
  @Override
  public void close() {
    close(closeTimeout);
  }

  /**
   * Stops taking events, sends what is buffered within {@code timeout}, publishes STOPPED (when
   * started) and closes the Kafka producer with the time left. Events still buffered when the
   * time is up are dropped ({@link DropReason#CLOSED}). Returns within {@code timeout} plus the
   * producer's {@code max.block.ms}. Never throws; later calls do nothing.
   */
  public void close(Duration timeout) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    try {
      closed = true;
      Duration limit = timeout == null || timeout.isNegative() ? Duration.ZERO : timeout;
      StateEvent stopped = started.get() ? events.lifecycle(LifecycleState.STOPPED, null) : null;
      sender.close(System.nanoTime() + limit.toNanos(), stopped);
      senderThread.join(limit.plus(maxSendBlock).plusSeconds(1).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      LOG.warn("model-monitor did not close cleanly", t);
    } finally {
      if (ownedRegistry != null) {
        ownedRegistry.close();
      }
    }
  }

  private void record(SpecificRecord event) {
    metrics.recorded();
    enqueue(event);
  }

  private void enqueue(SpecificRecord event) {
    buffer.offer(event);
    // Lost a race with close(): the sender no longer drains, so nothing may stay behind.
    if (sender.finished()) {
      int left = buffer.clear();
      if (left > 0) {
        metrics.dropped(DropReason.CLOSED, left);
      }
    }
  }
}
