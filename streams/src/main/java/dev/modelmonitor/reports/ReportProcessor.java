package dev.modelmonitor.reports;

import dev.modelmonitor.checks.CommitHook;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.stats.CategoricalProfile;
import dev.modelmonitor.stats.NumericProfile;
import dev.modelmonitor.stats.Profile;
import dev.modelmonitor.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The reports topology's one stateful step: assigns predictions to tumbling windows per model,
 * joins labels, and emits each model-window's report once, when the task's prediction time (the
 * largest prediction timestamp it has processed, {@link InputTime}) reaches its emit time (see
 * {@link ReportsSettings}), and for a window that waits for labels, once the task's label time
 * has too or labels have been quiet for {@code reports.labels-idle}. All time is event time, so
 * replaying history gives the same reports as live traffic; labels do not move prediction time.
 *
 * <p>Order per prediction: first the windows due at the new prediction time report, then the
 * prediction is applied. A prediction whose window ended {@code grace} or more before prediction
 * time is late: it is dead-lettered with reason {@code LATE} and counted, and never opens a window
 * again, so a model-window reports at most once. (A prediction or label dated more than {@code
 * reports.future-tolerance} ahead of the wall clock never gets here: it is dead-lettered with
 * reason {@code FUTURE} before it is decoded, see {@link dev.modelmonitor.streams.FutureLimit}.)
 */
final class ReportProcessor implements Processor<String, ReportsInput, String, ReportsOutput> {
  /** How often held windows and the join's waiting records are looked at (wall clock). */
  static final Duration MAINTENANCE_INTERVAL = Duration.ofSeconds(1);

  private final Topics topics;
  private final ReportsSettings settings;
  private final ReportsMetrics metrics;
  private final ReportBuilder builder;
  private final long windowMs;
  private final long graceMs;
  private final long delayMs;
  /** How long a side of the join waits, by the time of the other: window + grace + delay. */
  private final long joinHorizonMs;
  private final long labelsIdleMs;
  private final ReportsSettings.LabelJoin labelJoin;
  private final AtomicLong referenceWrites;
  private ProcessorContext<String, ReportsOutput> context;
  private OpenWindows windows;
  private InputTime time;
  private InputTime labelTime;
  /** Wall-clock time of the latest label processed (or of init: labels are expected then). */
  private long lastLabelWall;
  private References references;
  private JoinBuffer pendingPredictions;
  private JoinBuffer pendingLabels;
  private KeyValueStore<String, Long> labeledModels;
  private KeyValueStore<String, ModelReport> latest;
  private final Map<String, Boolean> labeled = new HashMap<>();

  ReportProcessor(Topics topics, ReportsSettings settings, ReportsMetrics metrics,
      AtomicLong referenceWrites) {
    this.referenceWrites = referenceWrites;
    this.topics = topics;
    this.settings = settings;
    this.metrics = metrics;
    this.builder = new ReportBuilder(settings);
    this.windowMs = settings.window().toMillis();
    this.graceMs = settings.grace().toMillis();
    this.delayMs = settings.labelsMaxDelay().toMillis();
    this.joinHorizonMs = windowMs + graceMs + delayMs;
    this.labelsIdleMs = settings.labelsIdle().toMillis();
    this.labelJoin = settings.labelJoin();
  }

  @Override
  public void init(ProcessorContext<String, ReportsOutput> context) {
    this.context = context;
    KeyValueStore<Bytes, byte[]> windowStore = context.getStateStore(ReportStores.WINDOWS);
    KeyValueStore<Bytes, byte[]> journal = context.getStateStore(ReportStores.JOURNAL);
    // Rebuilt from the stores on every (re)initialisation: nothing survives an aborted commit.
    windows = new OpenWindows(windowStore, journal, settings);
    KeyValueStore<Bytes, byte[]> clock = context.getStateStore(ReportStores.CLOCK);
    time = InputTime.predictions(clock);
    labelTime = InputTime.labels(clock);
    CommitHook hook = context.getStateStore(ReportStores.COMMIT_HOOK);
    hook.register(() -> {
      windows.journalPending();
      time.commit();
      labelTime.commit();
    }, () -> {
      windows.discard();
      time.discard();
      labelTime.discard();
    });
    references = new References(context.getStateStore(ReportStores.REFERENCES),
        topics.reference(), referenceWrites);
    if (settings.readsLabels()) { // else the topology has no such stores
      // Buckets of the label delay: a lookup spans twice the delay, so at most three buckets.
      pendingPredictions = new JoinBuffer(
          context.getStateStore(ReportStores.PENDING_PREDICTIONS), delayMs);
      pendingLabels = new JoinBuffer(context.getStateStore(ReportStores.PENDING_LABELS), delayMs);
      lastLabelWall = context.currentSystemTimeMs();
      context.schedule(MAINTENANCE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::maintain);
    }
    labeledModels = context.getStateStore(ReportStores.LABELED_MODELS);
    latest = context.getStateStore(ReportStores.LATEST);
    labeled.clear();
  }

  @Override
  public void process(Record<String, ReportsInput> record) {
    if (record.value() instanceof ReportsInput.Prediction p) {
      time.advance(record.timestamp());
      emitDue();
      onPrediction(record, p.event(), time.now());
    } else if (record.value() instanceof ReportsInput.Label l) {
      labelTime.advance(record.timestamp());
      lastLabelWall = context.currentSystemTimeMs();
      onLabel(record, l.event());
      emitDue();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Predictions

  private void onPrediction(Record<String, ReportsInput> record, PredictionFields event,
      long now) {
    long t = record.timestamp();
    long start = t - Math.floorMod(t, windowMs);
    long end = start + windowMs;
    if (end + graceMs <= now) {
      late(record, event, start, end, now);
      return;
    }
    String model = event.modelId();
    WindowKey key = new WindowKey(model, start);
    WindowAccumulator window = windows.get(key, this::factoryFor);
    boolean join = joinsLabels(model);
    if (window == null) {
      window = windows.open(key, end, settings.emitTime(end, join), join, factoryFor(model));
    }
    windows.record(window, JournalEntry.Prediction.of(window.seq() + 1, t, event));
    if (join && event.prediction() != null) {
      joinWithWaitingLabel(window, joinKey(model, event.requestId()), t, event.prediction());
    }
  }

  private void joinWithWaitingLabel(WindowAccumulator window, String joinKey, long t,
      Object predicted) {
    JoinBuffer.Waiting label = pendingLabels.take(joinKey, t - delayMs, t + delayMs);
    if (label != null) {
      Object actual = new StateCodec.Reader(label.payload()).getValue();
      windows.record(window, new JournalEntry.Label(window.seq() + 1, predicted, actual));
      metrics.labelsJoined.increment();
      return;
    }
    pendingPredictions.put(joinKey, t, new StateCodec.Writer(24).putLong(window.start())
        .putValue(predicted).toByteArray());
  }

  /** Dead-letters the prediction as it came, whatever schema wrote it. */
  private void late(Record<String, ReportsInput> record, PredictionFields event, long start,
      long end, long now) {
    metrics.late.increment();
    metrics.lateDeadLetters.increment();
    String message = "event time " + Instant.ofEpochMilli(record.timestamp())
        + " is in window [" + Instant.ofEpochMilli(start)
        + ", " + Instant.ofEpochMilli(end) + "), closed to events at "
        + Instant.ofEpochMilli(end + graceMs) + " (grace " + settings.grace()
        + "); the task's prediction time is " + Instant.ofEpochMilli(now);
    RecordMetadata source = context.recordMetadata().orElse(null);
    DeadLetter letter = DeadLetter.newBuilder()
        .setSourceTopic(source == null ? topics.predictions().name() : source.topic())
        .setSourcePartition(source == null ? -1 : source.partition())
        .setSourceOffset(source == null ? -1 : source.offset())
        .setSourceTimestamp(Instant.ofEpochMilli(record.timestamp()))
        .setReason("LATE")
        .setMessage(message)
        .setComponent(ReportsTopology.COMPONENT)
        .setFailedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
        .setKey(record.key() == null ? null
            : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
        .setValue(ByteBuffer.wrap(event.bytes()))
        .setHeaders(Map.of())
        .build();
    context.forward(record.withValue(ReportsOutput.of(letter)));
  }

  // ---------------------------------------------------------------------------------------------
  // Labels

  private void onLabel(Record<String, ReportsInput> record, LabelEvent event) {
    String model = event.getModelId();
    markLabeled(model, record.timestamp());
    String joinKey = joinKey(model, event.getRequestId());
    long t = record.timestamp();
    JoinBuffer.Waiting prediction = pendingPredictions.take(joinKey, t - delayMs, t + delayMs);
    if (prediction != null) {
      StateCodec.Reader in = new StateCodec.Reader(prediction.payload());
      long start = in.getLong();
      Object predicted = in.getValue();
      WindowAccumulator window = windows.get(new WindowKey(model, start), this::factoryFor);
      if (window == null) {
        metrics.labelsWindowClosed.increment();
        return;
      }
      windows.record(window, new JournalEntry.Label(window.seq() + 1, predicted,
          event.getActual()));
      metrics.labelsJoined.increment();
      return;
    }
    pendingLabels.put(joinKey, t, new StateCodec.Writer(16).putValue(event.getActual())
        .toByteArray());
    metrics.labelsWaiting.increment();
  }

  private void markLabeled(String model, long t) {
    if (labeled.get(model) != Boolean.TRUE) {
      if (labeledModels.get(model) == null) {
        labeledModels.put(model, t);
      }
      labeled.put(model, Boolean.TRUE);
    }
  }

  /** Whether this model's predictions are kept for the label join now. */
  private boolean joinsLabels(String model) {
    switch (labelJoin) {
      case NEVER:
        return false;
      case ALWAYS:
        return true;
      default:
        Boolean known = labeled.get(model);
        if (known == null) {
          known = labeledModels.get(model) != null;
          labeled.put(model, known);
        }
        if (known) {
          return true;
        }
        ModelReference reference = references.reference(model);
        return reference != null && reference.hasLabel();
    }
  }

  private static String joinKey(String model, String requestId) {
    return model + '\u0000' + requestId;
  }

  // ---------------------------------------------------------------------------------------------
  // Reports

  /**
   * Reports the windows due: by prediction time, and for windows that wait for labels, by the
   * earlier of prediction time and label time. Cheap when none is due (two comparisons), as it
   * runs on every record.
   */
  private void emitDue() {
    long now = time.now();
    long withLabels = windows.nextDueWithLabels();
    if (now < windows.nextDue() && (now < withLabels || labelClock() < withLabels)) {
      return;
    }
    for (WindowKey key : windows.due(now, labelClock())) {
      WindowAccumulator window = windows.get(key, this::factoryFor);
      References.Entry reference = references.get(key.modelId());
      ModelReport report = builder.build(window, reference.reference(), reference.problem(),
          context.currentSystemTimeMs());
      context.forward(new Record<>(key.modelId(), ReportsOutput.of(report),
          context.currentSystemTimeMs()));
      latest.put(key.modelId(), report);
      windows.remove(window);
      metrics.reports.increment();
    }
  }

  /**
   * Label time, or Long.MAX_VALUE once no label has arrived for {@code reports.labels-idle}: then
   * the labels read so far are all there is for now, and windows waiting for labels report by
   * prediction time alone.
   */
  private long labelClock() {
    return context.currentSystemTimeMs() - lastLabelWall >= labelsIdleMs
        ? Long.MAX_VALUE : labelTime.now();
  }

  /**
   * Every {@link #MAINTENANCE_INTERVAL} on the wall clock: reports windows held for labels that
   * went quiet, and drops what waits for a partner that can no longer join: labels once no
   * prediction they could join can still count (by prediction time), predictions once their
   * window has reported (by the earlier of prediction and label time).
   */
  private void maintain(long wall) {
    emitDue();
    long now = time.now();
    metrics.labelsExpired.increment(pendingLabels.expireBefore(before(now, joinHorizonMs)));
    pendingPredictions.expireBefore(before(Math.min(now, labelClock()), joinHorizonMs));
  }

  private static long before(long time, long duration) {
    return time == Long.MIN_VALUE ? Long.MIN_VALUE : time - duration;
  }

  /** New profiles shaped like the model's reference in force, else by their first value. */
  private WindowAccumulator.ProfileFactory factoryFor(String model) {
    ModelReference reference = references.reference(model);
    return new WindowAccumulator.ProfileFactory() {
      @Override
      public Profile feature(String feature, Object firstValue) {
        Profile shape = reference == null ? null : reference.feature(feature);
        return shape != null ? shape.emptyLike() : byValue(firstValue);
      }

      @Override
      public Profile prediction(Object firstValue) {
        Profile shape = reference == null ? null : reference.prediction();
        return shape != null ? shape.emptyLike() : byValue(firstValue);
      }
    };
  }

  private static Profile byValue(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean) {
      return CategoricalProfile.forBooleans();
    }
    if (value instanceof Number) {
      return NumericProfile.create();
    }
    return CategoricalProfile.create();
  }
}
