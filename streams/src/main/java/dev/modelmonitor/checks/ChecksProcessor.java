package dev.modelmonitor.checks;

import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.StateEvent;
import dev.modelmonitor.streams.Durations;
import dev.modelmonitor.topic.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Keeps each model's state and answers its check requests, in the task that owns the model's
 * partition: predictions and labels go into the open minute, state events and references into the
 * model's status and reference, and a request is answered from all of these at once, including
 * what this task processed just before it.
 *
 * <p>Time: minutes are by event time, capped at the wall clock (an event from a clock ahead of
 * ours counts now); events older than the longest lookback are ignored and counted. A request's
 * lookback ends at the wall clock when it is processed.
 */
final class ChecksProcessor implements Processor<String, ChecksInput, String, ChecksOutput> {
  /** Counter of events too old for any lookback, not counted in minutes. */
  static final String IGNORED_METRIC = "modelmonitor.checks.events.ignored";
  /** Counter of results by status. */
  static final String RESULTS_METRIC = "modelmonitor.checks.results";
  /** The dead-letter counter {@code DecodedStream} uses too. */
  static final String DLQ_METRIC = "modelmonitor.dlq.records";

  private static final int STATUS_CACHE = 10_000;
  private static final int REFERENCE_CACHE = 256;

  private final ChecksSettings settings;
  private final Topic<CheckRequest> requestTopic;
  private final MeterRegistry meters;
  private final Map<String, ModelStatus> statuses = lru(STATUS_CACHE);
  private final Map<String, Optional<ModelReference>> references = lru(REFERENCE_CACHE);
  private final Map<String, Counter> resultCounters = new HashMap<>();
  private ProcessorContext<String, ChecksOutput> context;
  private KeyValueStore<String, byte[]> statusStore;
  private KeyValueStore<String, byte[]> referenceStore;
  private WindowStore<String, byte[]> joins;
  private OpenMinutes minutes;
  private Counter tooOld;
  private Counter malformed;

  ChecksProcessor(ChecksSettings settings, Topic<CheckRequest> requestTopic, MeterRegistry meters) {
    this.settings = settings;
    this.requestTopic = requestTopic;
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
  public void init(ProcessorContext<String, ChecksOutput> context) {
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
    malformed = Counter.builder(DLQ_METRIC)
        .description("Records sent to the dead-letter topic")
        .tag("component", ChecksTopology.COMPONENT)
        .tag("topic", requestTopic.name())
        .tag("reason", "VALIDATION")
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
    } else if (input instanceof ChecksInput.Reference r) {
      onReference(model, r.profile());
    } else {
      onRequest(record, ((ChecksInput.Request) input).request());
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

  private void onRequest(Record<String, ChecksInput> record, CheckRequest request) {
    long now = now();
    String problem = RequestValidation.problem(record.key(), request, settings);
    CheckResult result;
    if (problem != null) {
      result = CheckEvaluator.error(request.getRequestId(), request.getModelId(), now,
          settings.instanceName(), problem);
      deadLetter(record, request, problem);
    } else {
      result = answer(request, now);
    }
    resultCounters.computeIfAbsent(result.getStatus().name(), status ->
        Counter.builder(RESULTS_METRIC).description("Check results by status")
            .tag("status", status).register(meters)).increment();
    context.forward(new Record<>(result.getRequestId(), ChecksOutput.of(result), now));
  }

  private CheckResult answer(CheckRequest request, long now) {
    String model = request.getModelId();
    ModelStatus status = status(model);
    if (status == null) {
      return CheckEvaluator.unknownModel(request, now, settings.instanceName());
    }
    long lookback = Duration.ofSeconds(request.getLookbackSeconds()).toMillis();
    long fromMinute = MinuteStores.floorMinute(now - lookback);
    ModelReference reference = reference(model);
    LookbackWindow window = minutes.window(model, fromMinute, MinuteStores.floorMinute(now),
        reference == null ? 0 : reference.createdAtMillis, now);
    boolean stateLately = status.instances().stream()
        .anyMatch(i -> i.lastSeenMillis() >= now - lookback);
    if (window.minutesWithData == 0 && !stateLately) {
      return CheckEvaluator.noData(request, fromMinute, now, settings.instanceName(),
          silence(status, model, lookback, now));
    }
    CheckThresholds thresholds = CheckThresholds.resolve(settings.thresholds(),
        reference == null ? Map.of() : reference.driftThresholds, request.getThresholds());
    Evidence evidence =
        new Evidence(model, status, reference, window, thresholds, now, lookback);
    return CheckEvaluator.answer(request, evidence, settings.instanceName());
  }

  private String silence(ModelStatus status, String model, long lookback, long now) {
    StringBuilder message = new StringBuilder("model '").append(model)
        .append("' sent nothing in the last ")
        .append(Durations.format(Duration.ofMillis(lookback)));
    long lastMinute = minutes.lastMinuteWithTraffic(model,
        now - settings.maxLookback().toMillis(), now);
    if (lastMinute >= 0) {
      message.append("; last traffic in the minute of ").append(Instant.ofEpochMilli(lastMinute));
    }
    status.instances().stream().findFirst().ifPresent(i -> message.append("; last state from ")
        .append(i.id()).append(" at ").append(Instant.ofEpochMilli(i.lastSeenMillis())));
    message.append("; first seen ").append(Instant.ofEpochMilli(status.firstSeenMillis()));
    return message.toString();
  }

  private void deadLetter(Record<String, ChecksInput> record, CheckRequest request,
      String problem) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    Map<String, String> headers = new HashMap<>();
    for (Header header : record.headers()) {
      if (header.value() != null) {
        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    byte[] value = requestTopic.valueSerde().serializer().serialize(requestTopic.name(), request);
    DeadLetter letter = DeadLetter.newBuilder()
        .setSourceTopic(source == null ? requestTopic.name() : source.topic())
        .setSourcePartition(source == null ? -1 : source.partition())
        .setSourceOffset(source == null ? -1 : source.offset())
        .setSourceTimestamp(Instant.ofEpochMilli(record.timestamp()))
        .setReason("VALIDATION")
        .setMessage(problem)
        .setComponent(ChecksTopology.COMPONENT)
        .setFailedAt(Instant.ofEpochMilli(now()))
        .setKey(record.key() == null ? null
            : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
        .setValue(ByteBuffer.wrap(value))
        .setHeaders(headers)
        .build();
    malformed.increment();
    context.forward(new Record<>(record.key(), ChecksOutput.of(letter), record.timestamp()));
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
