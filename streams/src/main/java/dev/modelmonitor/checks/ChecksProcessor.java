package dev.modelmonitor.checks;

import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.StateEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Keeps each model's state, in the task that owns the model's partition: predictions and labels
 * go into the open minute (written to the stores at each commit), state events and references
 * into the model's status and reference. {@link CheckAnswerer} reads these stores to answer
 * requests, off this thread.
 *
 * <p>Time: minutes are by event time, capped at the wall clock (an event from a clock ahead of
 * ours counts now); events older than the longest lookback are ignored and counted.
 */
final class ChecksProcessor implements Processor<String, ChecksInput, Void, Void> {
  /** Counter of events too old for any lookback, not counted in minutes. */
  static final String IGNORED_METRIC = "modelmonitor.checks.events.ignored";

  private static final int STATUS_CACHE = 10_000;
  private static final int REFERENCE_CACHE = 256;

  private final ChecksSettings settings;
  private final MeterRegistry meters;
  private final Map<String, ModelStatus> statuses = lru(STATUS_CACHE);
  private final Map<String, Optional<ModelReference>> references = lru(REFERENCE_CACHE);
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, byte[]> statusStore;
  private KeyValueStore<String, byte[]> referenceStore;
  private WindowStore<String, byte[]> joins;
  private OpenMinutes minutes;
  private Counter tooOld;

  ChecksProcessor(ChecksSettings settings, MeterRegistry meters) {
    this.settings = settings;
    this.meters = meters;
  }

  private static <V> Map<String, V> lru(int capacity) {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    statusStore = context.getStateStore(ChecksTopology.STATUS_STORE);
    referenceStore = context.getStateStore(ChecksTopology.REFERENCES_STORE);
    joins = context.getStateStore(ChecksTopology.JOINS_STORE);
    minutes = new OpenMinutes(context.getStateStore(ChecksTopology.MINUTES_STORE),
        context.getStateStore(ChecksTopology.DELTAS_STORE));
    minutes.recover();
    CommitHook hook = context.getStateStore(ChecksTopology.COMMIT_HOOK);
    hook.register(() -> minutes.flush(context.currentSystemTimeMs()), minutes::discard);
    tooOld = Counter.builder(IGNORED_METRIC)
        .description("Events older than checks.max-lookback, left out of the checks")
        .tag("reason", "too_old")
        .register(meters);
  }

  @Override
  public void process(Record<String, ChecksInput> record) {
    ChecksInput input = record.value();
    String model = record.key();
    if (input instanceof ChecksInput.Prediction p) {
      onPrediction(model, p.event());
    } else if (input instanceof ChecksInput.Label l) {
      onLabel(model, l.event());
    } else if (input instanceof ChecksInput.State s) {
      onState(model, s.event());
    } else {
      onReference(model, ((ChecksInput.Reference) input).profile());
    }
  }

  private long now() {
    return context.currentSystemTimeMs();
  }

  private void onPrediction(String model, PredictionEvent event) {
    long now = now();
    ModelStatus status = known(model, now);
    long at = Math.min(event.getTimestamp().toEpochMilli(), now);
    if (at < now - settings.maxLookback().toMillis()) {
      tooOld.increment();
      return;
    }
    ModelReference reference = reference(model);
    minutes.pending(model, MinuteStores.floorMinute(at),
            () -> MinuteBucket.empty(reference, settings))
        .addPrediction(event, settings.maxFeatures(), settings.sketchK());
    if (status.labelsSeen()) {
      joins.put(joinKey(model, event.getRequestId()), Values.encode(event.getPrediction()), at);
    }
  }

  private void onLabel(String model, LabelEvent event) {
    long now = now();
    ModelStatus status = known(model, now);
    if (!status.labelsSeen()) {
      save(status.withLabelsSeen());
    }
    long at = Math.min(event.getTimestamp().toEpochMilli(), now);
    if (at < now - settings.maxLookback().toMillis()) {
      tooOld.increment();
      return;
    }
    String key = joinKey(model, event.getRequestId());
    long from = Math.max(0, at - settings.labelMaxDelay().toMillis() - MinuteStores.MINUTE_MS);
    KeyValue<Long, byte[]> prediction = null;
    try (WindowStoreIterator<byte[]> found = joins.fetch(key, from, now)) {
      if (found.hasNext()) {
        prediction = found.next();
      }
    }
    ModelReference reference = reference(model);
    MinuteBucket bucket = minutes.pending(model, MinuteStores.floorMinute(at),
        () -> MinuteBucket.empty(reference, settings));
    if (prediction == null) {
      bucket.addUnmatchedLabel();
      return;
    }
    joins.put(key, null, prediction.key); // a label counts once
    bucket.addLabel(Values.decode(prediction.value), event.getActual());
  }

  private static String joinKey(String model, String requestId) {
    return model + '\u0000' + requestId;
  }

  private void onState(String model, StateEvent event) {
    long now = now();
    save(known(model, now).with(event, now));
  }

  private void onReference(String model, ReferenceProfile profile) {
    ModelReference reference = ModelReference.of(profile);
    referenceStore.put(model, reference.toBytes());
    references.put(model, Optional.of(reference));
    save(known(model, now()).withReference(reference.createdAtMillis));
  }

  private ModelStatus status(String model) {
    ModelStatus cached = statuses.get(model);
    if (cached != null) {
      return cached;
    }
    byte[] stored = statusStore.get(model);
    if (stored == null) {
      return null;
    }
    ModelStatus status = ModelStatus.fromBytes(stored);
    statuses.put(model, status);
    return status;
  }

  /** The model's status, created (and so the model known) on its first record. */
  private ModelStatus known(String model, long now) {
    ModelStatus status = status(model);
    if (status == null) {
      status = ModelStatus.firstSeen(model, now);
      save(status);
    }
    return status;
  }

  private void save(ModelStatus status) {
    statusStore.put(status.modelId(), status.toBytes());
    statuses.put(status.modelId(), status);
  }

  private ModelReference reference(String model) {
    Optional<ModelReference> cached = references.get(model);
    if (cached == null) {
      byte[] stored = referenceStore.get(model);
      cached = Optional.ofNullable(stored == null ? null : ModelReference.fromBytes(stored));
      references.put(model, cached);
    }
    return cached.orElse(null);
  }
}
