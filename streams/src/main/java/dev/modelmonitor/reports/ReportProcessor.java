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
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The reports topology's one stateful step: assigns predictions to tumbling windows per model,
 * joins labels, and emits each model-window's report once, when the task's prediction time (the
 * largest prediction timestamp it has processed, {@link PredictionTime}) reaches its emit time
 * (see {@link ReportsSettings}). All time is event time, so replaying history gives the same
 * reports as live traffic; labels do not move it.
 *
 * <p>Order per prediction: first the windows due at the new prediction time report, then the
 * prediction is applied. A prediction whose window ended {@code grace} or more before prediction
 * time is late: it is dead-lettered with reason {@code LATE} and counted, and never opens a window
 * again, so a model-window reports at most once. (A prediction or label dated more than {@code
 * reports.future-tolerance} ahead of the wall clock never gets here: it is dead-lettered with
 * reason {@code FUTURE} before it is decoded, see {@link dev.modelmonitor.streams.FutureLimit}.)
 */
final class ReportProcessor implements Processor<String, ReportsInput, String, ReportsOutput> {
  private final Topics topics;
  private final ReportsSettings settings;
  private final ReportsMetrics metrics;
  private final ReportBuilder builder;
  private final long windowMs;
  private final long graceMs;
  private final long delayMs;
  private final ReportsSettings.LabelJoin labelJoin;
  private final AtomicLong referenceWrites;
  private ProcessorContext<String, ReportsOutput> context;
  private OpenWindows windows;
  private PredictionTime time;
  private References references;
  private WindowStore<String, byte[]> pendingPredictions;
  private WindowStore<String, byte[]> pendingLabels;
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
    this.labelJoin = settings.labelJoin();
  }

  @Override
  public void init(ProcessorContext<String, ReportsOutput> context) {
    this.context = context;
    KeyValueStore<Bytes, byte[]> windowStore = context.getStateStore(ReportStores.WINDOWS);
    KeyValueStore<Bytes, byte[]> journal = context.getStateStore(ReportStores.JOURNAL);
    // Rebuilt from the stores on every (re)initialisation: nothing survives an aborted commit.
    windows = new OpenWindows(windowStore, journal, settings);
    time = new PredictionTime(context.getStateStore(ReportStores.CLOCK));
    CommitHook hook = context.getStateStore(ReportStores.COMMIT_HOOK);
    hook.register(() -> {
      windows.journalPending();
      time.commit();
    }, () -> {
      windows.discard();
      time.discard();
    });
    references = new References(context.getStateStore(ReportStores.REFERENCES),
        topics.reference(), referenceWrites);
    if (settings.readsLabels()) { // else the topology has no such stores
      pendingPredictions = context.getStateStore(ReportStores.PENDING_PREDICTIONS);
      pendingLabels = context.getStateStore(ReportStores.PENDING_LABELS);
    }
    labeledModels = context.getStateStore(ReportStores.LABELED_MODELS);
    latest = context.getStateStore(ReportStores.LATEST);
    labeled.clear();
  }

  @Override
  public void process(Record<String, ReportsInput> record) {
    if (record.value() instanceof ReportsInput.Prediction p) {
      long now = time.advance(record.timestamp());
      if (now >= windows.nextDue()) {
        emitDue(now);
      }
      onPrediction(record, p.event(), now);
    } else if (record.value() instanceof ReportsInput.Label l) {
      onLabel(record, l.event());
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
    try (WindowStoreIterator<byte[]> waiting =
        pendingLabels.fetch(joinKey, Instant.ofEpochMilli(t - delayMs),
            Instant.ofEpochMilli(t + delayMs))) {
      if (waiting.hasNext()) {
        KeyValue<Long, byte[]> label = waiting.next();
        Object actual = new StateCodec.Reader(label.value).getValue();
        windows.record(window, new JournalEntry.Label(window.seq() + 1, predicted, actual));
        pendingLabels.put(joinKey, null, label.key);
        metrics.labelsJoined.increment();
        return;
      }
    }
    byte[] value = new StateCodec.Writer(24).putLong(window.start()).putValue(predicted)
        .toByteArray();
    pendingPredictions.put(joinKey, value, t);
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
    try (WindowStoreIterator<byte[]> waiting =
        pendingPredictions.fetch(joinKey, Instant.ofEpochMilli(t - delayMs),
            Instant.ofEpochMilli(t + delayMs))) {
      if (waiting.hasNext()) {
        KeyValue<Long, byte[]> prediction = waiting.next();
        StateCodec.Reader in = new StateCodec.Reader(prediction.value);
        long start = in.getLong();
        Object predicted = in.getValue();
        pendingPredictions.put(joinKey, null, prediction.key);
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
    }
    pendingLabels.put(joinKey, new StateCodec.Writer(16).putValue(event.getActual())
        .toByteArray(), t);
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

  private void emitDue(long now) {
    for (WindowKey key : windows.due(now)) {
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
