package dev.modelmonitor.checks;

import dev.modelmonitor.checks.ModelStatus.InstanceStatus;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.stats.DriftCalculator;
import dev.modelmonitor.stats.DriftThresholds;
import dev.modelmonitor.stats.FeatureDrift;
import dev.modelmonitor.stats.PreparedReference;
import dev.modelmonitor.stats.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Reads the checks' state of this instance (interactive queries) for the HTTP API and the UI: a
 * model's overview and its per-minute series. Only the models whose partitions this instance owns
 * are here; the API finds the owner of the others with {@code KafkaStreams.queryMetadataForKey}
 * on {@link ChecksTopology#STATUS_STORE}. What it reads is as of the last commit (at most the
 * commit interval old). Thread-safe.
 */
public final class ModelQueries {
  private final ReadOnlyKeyValueStore<String, byte[]> status;
  private final ReadOnlyKeyValueStore<String, byte[]> references;
  private final ReadOnlyWindowStore<String, byte[]> minutes;
  private final ReadOnlyKeyValueStore<String, byte[]> deltas;

  public ModelQueries(ChecksStores stores) {
    this.status = stores.status();
    this.references = stores.references();
    this.minutes = stores.minutes();
    this.deltas = stores.deltas();
  }

  /**
   * The queries over {@code streams}' local stores.
   *
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the stores are not
   *     queryable (starting, rebalancing)
   */
  public static ModelQueries of(KafkaStreams streams) {
    return new ModelQueries(ChecksStores.of(streams));
  }

  /** The overview of one model held here; empty when this instance does not know it. */
  public Optional<ModelOverview> model(String modelId, Instant now) {
    byte[] bytes = status.get(modelId);
    return bytes == null ? Optional.empty()
        : Optional.of(overview(ModelStatus.fromBytes(bytes), now.toEpochMilli()));
  }

  /** Every model held here, by id. */
  public List<ModelOverview> models(Instant now) {
    List<ModelOverview> all = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = status.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> next = it.next();
        all.add(overview(ModelStatus.fromBytes(next.value), now.toEpochMilli()));
      }
    }
    all.sort(Comparator.comparing(ModelOverview::modelId));
    return all;
  }

  /**
   * One point per minute of the last {@code lookback} (minutes without traffic included, as
   * zeros), oldest first; empty when this instance does not know the model.
   */
  public List<MinutePoint> series(String modelId, Duration lookback, Instant now) {
    if (status.get(modelId) == null) {
      return List.of();
    }
    long nowMillis = now.toEpochMilli();
    long to = MinuteStores.floorMinute(nowMillis);
    long from = MinuteStores.floorMinute(nowMillis - lookback.toMillis());
    NavigableMap<Long, MinuteBucket> buckets =
        MinuteStores.read(minutes, deltas, modelId, from, to);
    ModelReference reference = reference(modelId);
    DriftCalculator drift = drift(reference);
    List<MinutePoint> points = new ArrayList<>();
    for (long minute = from; minute <= to; minute += MinuteStores.MINUTE_MS) {
      MinuteBucket bucket = buckets.get(minute);
      points.add(point(minute, bucket == null ? new MinuteBucket() : bucket, reference, drift,
          nowMillis));
    }
    return points;
  }

  /**
   * The model's failed predictions per error type (the outcome when no type was given) over the
   * last {@code lookback}; empty when this instance does not know the model.
   */
  public Map<String, Long> errorTypes(String modelId, Duration lookback, Instant now) {
    if (status.get(modelId) == null) {
      return Map.of();
    }
    long nowMillis = now.toEpochMilli();
    Map<String, Long> counts = new TreeMap<>();
    MinuteStores.read(minutes, deltas, modelId,
            MinuteStores.floorMinute(nowMillis - lookback.toMillis()),
            MinuteStores.floorMinute(nowMillis))
        .values().stream()
        .filter(bucket -> bucket.errorTypes != null)
        .forEach(bucket -> bucket.errorTypes.categoryCounts()
            .forEach((type, n) -> counts.merge(type, n, Long::sum)));
    return counts;
  }

  private ModelReference reference(String modelId) {
    byte[] bytes = references.get(modelId);
    return bytes == null ? null : ModelReference.fromBytes(bytes);
  }

  private static DriftCalculator drift(ModelReference reference) {
    if (reference == null) {
      return null;
    }
    return new DriftCalculator(
        DriftThresholds.defaults().withOverrides(reference.driftThresholds));
  }

  private ModelOverview overview(ModelStatus s, long now) {
    long current = MinuteStores.floorMinute(now);
    long previous = current - MinuteStores.MINUTE_MS;
    NavigableMap<Long, MinuteBucket> buckets =
        MinuteStores.read(minutes, deltas, s.modelId(), previous, current);
    ModelReference reference = s.referenceCreatedAtMillis() == 0 ? null : reference(s.modelId());
    DriftCalculator drift = drift(reference);
    InstanceStatus newest = s.instances().stream()
        .max(Comparator.comparingLong(InstanceStatus::lastHeartbeatMillis)).orElse(null);
    long lastHeartbeat = newest == null ? 0 : newest.lastHeartbeatMillis();
    return new ModelOverview(
        s.modelId(),
        iso(s.firstSeenMillis()),
        lifecycle(s.instances()),
        lastHeartbeat == 0 ? null : iso(lastHeartbeat),
        lastHeartbeat == 0 ? null : Math.max(0, now - lastHeartbeat) / 1000.0,
        s.modelVersion(),
        s.referenceCreatedAtMillis() == 0 ? null : iso(s.referenceCreatedAtMillis()),
        s.labelsSeen(),
        s.instances().stream().map(ModelQueries::instance).toList(),
        point(previous, buckets.getOrDefault(previous, new MinuteBucket()), reference, drift, now),
        point(current, buckets.getOrDefault(current, new MinuteBucket()), reference, drift, now));
  }

  /**
   * The model's lifecycle in one word: the worst state of its instances not STOPPED (FAILED,
   * DEGRADED, LOADING, STARTING, READY), STOPPED when all are, null when none reported one.
   */
  static String lifecycle(List<InstanceStatus> instances) {
    LifecycleState worst = null;
    boolean anyRunning = false;
    for (InstanceStatus i : instances) {
      if (i.lifecycle() == null) {
        continue;
      }
      LifecycleState state = LifecycleState.valueOf(i.lifecycle());
      if (state == LifecycleState.STOPPED) {
        continue;
      }
      anyRunning = true;
      if (worst == null || severity(state) > severity(worst)) {
        worst = state;
      }
    }
    if (!anyRunning) {
      return instances.stream().anyMatch(i -> LifecycleState.STOPPED.name().equals(i.lifecycle()))
          ? LifecycleState.STOPPED.name() : null;
    }
    return worst.name();
  }

  private static int severity(LifecycleState state) {
    return switch (state) {
      case FAILED -> 4;
      case DEGRADED -> 3;
      case LOADING -> 2;
      case STARTING -> 1;
      default -> 0;
    };
  }

  private static InstanceView instance(InstanceStatus i) {
    return new InstanceView(i.id(), i.pod(), i.namespace(), i.node(), i.modelVersion(),
        i.lifecycle(), i.reason(), i.lifecycleSinceMillis() == 0 ? null
            : iso(i.lifecycleSinceMillis()),
        i.lastHeartbeatMillis() == 0 ? null : iso(i.lastHeartbeatMillis()),
        iso(i.lastSeenMillis()), i.cpuCoresUsed(), i.cpuCoresLimit(), i.memoryBytesUsed(),
        i.memoryBytesLimit());
  }

  private static MinutePoint point(long minute, MinuteBucket bucket, ModelReference reference,
      DriftCalculator drift, long now) {
    long seconds = Math.max(1, Math.min(60, (now - minute) / 1000));
    Double p50 = null;
    Double p99 = null;
    if (bucket.latencyMs != null && bucket.latencyMs.count() > 0) {
      p50 = bucket.latencyMs.quantile(0.5);
      p99 = bucket.latencyMs.quantile(0.99);
    }
    Double driftShare = null;
    if (drift != null && bucket.predictions > 0
        && bucket.referenceVersion == reference.createdAtMillis) {
      List<FeatureDrift> features = new ArrayList<>();
      for (Map.Entry<String, Profile> f : bucket.features.entrySet()) {
        PreparedReference expected = reference.preparedFeatures.get(f.getKey());
        if (expected != null) {
          features.add(drift.compare(f.getKey(), expected, f.getValue()));
        }
      }
      var dataset = drift.datasetDrift(features);
      driftShare = dataset.getFeatureCount() == 0 ? null : dataset.getShare();
    }
    return new MinutePoint(iso(minute), bucket.predictions, (double) bucket.predictions / seconds,
        bucket.errors(), bucket.predictions == 0 ? null
            : (double) bucket.errors() / bucket.predictions,
        p50, p99, driftShare, bucket.labelled);
  }

  private static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  /**
   * A model as the API shows it.
   *
   * @param lifecycle see {@link ModelQueries#lifecycle}
   * @param heartbeatAgeSeconds age of the newest heartbeat of any instance
   * @param lastMinute the last whole minute
   * @param currentMinute the minute in progress
   */
  public record ModelOverview(
      String modelId,
      String firstSeen,
      String lifecycle,
      String lastHeartbeat,
      Double heartbeatAgeSeconds,
      String modelVersion,
      String referenceCreatedAt,
      boolean labelsSeen,
      List<InstanceView> instances,
      MinutePoint lastMinute,
      MinutePoint currentMinute) {}

  /** One instance (container) of a model: its last lifecycle state, heartbeat and resources. */
  public record InstanceView(
      String id,
      String pod,
      String namespace,
      String node,
      String modelVersion,
      String lifecycle,
      String reason,
      String lifecycleSince,
      String lastHeartbeat,
      String lastSeen,
      Double cpuCoresUsed,
      Double cpuCoresLimit,
      Long memoryBytesUsed,
      Long memoryBytesLimit) {}

  /**
   * One minute of a model: predictions, their rate per second (over the elapsed part of a minute
   * in progress), errors and error rate, latency percentiles, the share of drifted features
   * against the reference (null without one), labels joined.
   */
  public record MinutePoint(
      String minute,
      long predictions,
      double throughputPerSecond,
      long errors,
      Double errorRate,
      Double latencyP50Ms,
      Double latencyP99Ms,
      Double driftShare,
      long labelled) {}
}
