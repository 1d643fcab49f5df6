package dev.modelmonitor.checks;

import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.streams.Durations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers check requests from the checks' stores ({@link ChecksStores}), outside the stream
 * thread: first {@link #problem} says whether a request can be answered at all, then {@link
 * #answer} reads the model's status, reference and the minutes of its lookback and runs the
 * checks. An answer covers what the checks application has committed, so it may miss the last
 * commit interval of events. Prepared references are cached by model and version, the sums of
 * ended minutes while their bytes stay the same ({@link LookbackReader}). Thread-safe.
 */
public final class CheckAnswerer {
  /** Counter of results by status. */
  public static final String RESULTS_METRIC = "modelmonitor.checks.results";

  private static final int REFERENCE_CACHE = 256;

  private final ChecksSettings settings;
  private final MeterRegistry meters;
  private final Map<String, Counter> resultCounters = new ConcurrentHashMap<>();
  private final LookbackReader windows = new LookbackReader();
  private final Map<String, ModelReference> references = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ModelReference> eldest) {
      return size() > REFERENCE_CACHE;
    }
  };

  public CheckAnswerer(ChecksSettings settings, MeterRegistry meters) {
    this.settings = settings;
    this.meters = meters;
  }

  /**
   * What makes {@code request}, read with record key {@code key}, unanswerable, in words the
   * caller can act on; null when it can be answered.
   */
  public String problem(String key, CheckRequest request) {
    return RequestValidation.problem(key, request, settings);
  }

  /** The ERROR result for a request that has {@code problem}. */
  public CheckResult error(CheckRequest request, String problem, long nowMillis) {
    return counted(CheckEvaluator.error(request.getRequestId(), request.getModelId(), nowMillis,
        settings.instanceName(), problem));
  }

  /**
   * The result of a valid {@code request}, as of {@code nowMillis}, from {@code stores}: those of
   * the task that owns the model.
   *
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException when the stores stop being
   *     queryable while they are read (a rebalance); ask again once they are
   */
  public CheckResult answer(ChecksStores stores, CheckRequest request, long nowMillis) {
    return counted(evaluate(stores, request, nowMillis));
  }

  private CheckResult evaluate(ChecksStores stores, CheckRequest request, long now) {
    String model = request.getModelId();
    byte[] statusBytes = stores.status().get(model);
    if (statusBytes == null) {
      return CheckEvaluator.unknownModel(request, now, settings.instanceName());
    }
    ModelStatus status = ModelStatus.fromBytes(statusBytes);
    long lookback = Duration.ofSeconds(request.getLookbackSeconds()).toMillis();
    long fromMinute = MinuteStores.floorMinute(now - lookback);
    ModelReference reference = reference(stores, status);
    LookbackWindow window = windows.read(stores, model, fromMinute,
        MinuteStores.floorMinute(now), reference == null ? 0 : reference.createdAtMillis, now);
    boolean stateLately = status.instances().stream()
        .anyMatch(i -> i.lastSeenMillis() >= now - lookback);
    if (window.minutesWithData == 0 && !stateLately) {
      return CheckEvaluator.noData(request, fromMinute, now, settings.instanceName(),
          silence(stores, status, lookback, now));
    }
    CheckThresholds thresholds = CheckThresholds.resolve(settings.thresholds(),
        reference == null ? Map.of() : reference.driftThresholds, request.getThresholds());
    Evidence evidence =
        new Evidence(model, status, reference, window, thresholds, now, lookback);
    return CheckEvaluator.answer(request, evidence, settings.instanceName());
  }

  /** The model's reference in force, prepared once per version. */
  private ModelReference reference(ChecksStores stores, ModelStatus status) {
    if (status.referenceCreatedAtMillis() == 0) {
      return null;
    }
    String model = status.modelId();
    synchronized (references) {
      ModelReference cached = references.get(model);
      if (cached != null && cached.createdAtMillis == status.referenceCreatedAtMillis()) {
        return cached;
      }
    }
    byte[] stored = stores.references().get(model);
    if (stored == null) {
      return null;
    }
    ModelReference reference = ModelReference.fromBytes(stored);
    synchronized (references) {
      references.put(model, reference);
    }
    return reference;
  }

  private String silence(ChecksStores stores, ModelStatus status, long lookback, long now) {
    String model = status.modelId();
    StringBuilder message = new StringBuilder("model '").append(model)
        .append("' sent nothing in the last ")
        .append(Durations.format(Duration.ofMillis(lookback)));
    long lastMinute = MinuteStores.lastMinuteWithTraffic(stores.minutes(), stores.deltas(), model,
        now - settings.maxLookback().toMillis(), now);
    if (lastMinute >= 0) {
      message.append("; last traffic in the minute of ").append(Instant.ofEpochMilli(lastMinute));
    }
    status.instances().stream().findFirst().ifPresent(i -> message.append("; last state from ")
        .append(i.id()).append(" at ").append(Instant.ofEpochMilli(i.lastSeenMillis())));
    message.append("; first seen ").append(Instant.ofEpochMilli(status.firstSeenMillis()));
    return message.toString();
  }

  private CheckResult counted(CheckResult result) {
    resultCounters.computeIfAbsent(result.getStatus().name(), status ->
        Counter.builder(RESULTS_METRIC).description("Check results by status")
            .tag("status", status).register(meters)).increment();
    return result;
  }
}
