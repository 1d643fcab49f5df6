package dev.modelmonitor.alerts;

import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LifecycleChange;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.StateEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the alerts keep about one model, bounded whatever the traffic: its clock, when it
 * was last heard from, versions, instances, the sliding-window rings, change detectors and the
 * alert episodes. Stored by {@link ModelStateStore}: this "head" as one value, each bucket as
 * another, so a checkpoint writes what changed rather than everything.
 *
 * <p>The model clock: the latest event time seen, running on with the wall clock while no event
 * arrives. So windows slide by event time while events flow (a replay of old data is evaluated
 * in its own time) and keep sliding, and drain, when traffic stops.
 */
final class ModelState {
  static final byte FORMAT = 2;
  static final int MAX_VERSIONS = 16;
  static final int MAX_INSTANCES = 64;
  static final String UNKNOWN_INSTANCE = "(unknown)";

  final String modelId;
  long clock = Long.MIN_VALUE;
  long clockWall;
  long lastEventWall = -1;
  long lastPredictionWall = -1;
  long lastHeartbeatWall = -1;
  String version;
  /** Versions seen, oldest first: first-seen model time, and 1 when it replaced another version. */
  final LinkedHashMap<String, long[]> versions = new LinkedHashMap<>();
  final LinkedHashMap<String, InstanceState> instances = new LinkedHashMap<>();
  final LinkedHashSet<String> features = new LinkedHashSet<>();
  final TreeMap<Long, WindowRing> rings = new TreeMap<>();
  final Map<String, PageHinkley> detectors = new HashMap<>();
  final Map<String, Episode> episodes = new LinkedHashMap<>();

  /** Changed since last written to the store. */
  transient boolean dirty = true;
  /** Rings the plan no longer has, whose stored buckets are to be deleted. */
  final transient List<WindowRing> droppedRings = new ArrayList<>();
  /** Wall-clock time of the latest evaluation of the model's rules. */
  transient long lastEvaluatedWall = Long.MIN_VALUE;
  /** The rule-book version the rings were planned for. */
  transient long plannedFor = -1;
  /** The reference whose features were last added to {@link #features}. */
  private transient DriftMeter.Reference featuresFrom;
  /** Alert ids of the rules in force, by rule id. */
  final transient Map<String, String> alertIds = new HashMap<>();
  /** Results of costly metrics (quantiles, drift), by metric and window. */
  final transient Map<String, Object> cache = new HashMap<>();

  ModelState(String modelId) {
    this.modelId = modelId;
  }

  /**
   * Model time at wall-clock time {@code wall}: the latest event time, plus the wall-clock time
   * since the model's latest event arrived. While events flow it is event time (a pipeline that
   * lags behind evaluates each window as it was); once they stop, it runs on with the wall clock.
   */
  long now(long wall) {
    if (clock == Long.MIN_VALUE) {
      return wall;
    }
    return clock + Math.max(0, wall - clockWall);
  }

  private long advance(long eventTime, long wall) {
    clock = clock == Long.MIN_VALUE ? eventTime : Math.max(clock, eventTime);
    clockWall = wall;
    lastEventWall = wall;
    dirty = true;
    return clock;
  }

  /** Adds a prediction event with record time {@code t}, seen at wall-clock time {@code wall}. */
  void observe(PredictionEvent e, long t, long wall, DriftMeter.Reference reference, int maxFeatures) {
    long now = advance(t, wall);
    lastPredictionWall = wall;
    instance(e.getInstance(), wall).lastPredictionWall = wall;
    noteVersion(e.getModelVersion(), now);
    Map<String, Object> values = e.getFeatures();
    if (reference != null && reference != featuresFrom) {
      featuresFrom = reference;
      for (String f : reference.features()) {
        if (!DriftMeter.PREDICTION.equals(f) && features.size() < maxFeatures) {
          features.add(f);
        }
      }
    }
    for (String f : values.keySet()) {
      if (features.size() >= maxFeatures) {
        break;
      }
      features.add(f);
    }
    List<String> missing = new ArrayList<>();
    for (String f : features) {
      if (values.get(f) == null) {
        missing.add(f);
      }
    }
    Outcome outcome = e.getOutcome();
    boolean failed = outcome != Outcome.OK;
    Long latencyMicros = e.getLatencyMicros();
    double latencyMs = latencyMicros == null ? Double.NaN : latencyMicros / 1000.0;
    for (WindowRing ring : rings.values()) {
      Bucket b = ring.bucketFor(t, now);
      if (b == null) {
        continue;
      }
      b.dirty = true;
      b.count++;
      b.outcomes[outcome.ordinal()]++;
      if (failed) {
        b.addError(e.getError() == null || e.getError().isBlank() ? outcome.name() : e.getError());
      }
      if (latencyMicros != null) {
        b.addLatency(latencyMs);
      }
      for (String f : missing) {
        b.addMissing(f);
      }
      if (ring.profiles && reference != null) {
        for (String f : reference.features()) {
          Object value = DriftMeter.PREDICTION.equals(f) ? e.getPrediction() : values.get(f);
          b.samples.computeIfAbsent(f, reference::newSample).add(value);
        }
      }
    }
    for (PageHinkley ph : detectors.values()) {
      if (ph.series.equals("latency_ms")) {
        if (latencyMicros != null) {
          ph.add(latencyMs, now);
        }
      } else {
        ph.add(failed ? 1 : 0, now);
      }
    }
  }

  /** Adds a state event (lifecycle change, heartbeat, resource sample). */
  void observe(StateEvent e, long t, long wall) {
    long now = advance(t, wall);
    InstanceState instance = instance(e.getInstance(), wall);
    noteVersion(e.getModelVersion(), now);
    Object event = e.getEvent();
    if (event instanceof LifecycleChange change) {
      if (instance.state != change.getState()) {
        instance.stateSince = now;
      }
      if (change.getState() != LifecycleState.STOPPED
          && (instance.state == LifecycleState.STOPPED || change.getState() == LifecycleState.STARTING)) {
        // A restarted instance has served nothing since it started, not since before it stopped.
        instance.lastPredictionWall = wall;
      }
      instance.state = change.getState();
      instance.reason = change.getReason();
    } else if (event instanceof Heartbeat) {
      lastHeartbeatWall = wall;
    }
  }

  private InstanceState instance(Instance instance, long wall) {
    String id = instance == null || instance.getId() == null ? UNKNOWN_INSTANCE : instance.getId();
    InstanceState s = instances.remove(id);
    if (s == null) {
      s = new InstanceState(id);
      // A new instance has served nothing yet; its silence counts from when it appeared.
      s.lastPredictionWall = wall;
      if (instances.size() >= MAX_INSTANCES) {
        Iterator<String> oldest = instances.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
    }
    s.lastSeenWall = wall;
    // Re-inserted so the map runs from least to most recently heard from.
    instances.put(id, s);
    return s;
  }

  private void noteVersion(String v, long now) {
    if (v == null || v.equals(version)) {
      return;
    }
    if (!versions.containsKey(v)) {
      versions.put(v, new long[] {now, versions.isEmpty() ? 0 : 1});
      if (versions.size() > MAX_VERSIONS) {
        Iterator<String> oldest = versions.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
    }
    version = v;
  }

  /**
   * Moves every wall-clock time on by {@code pausedMs}, the time the pipeline was away: the model
   * clock does not run, nobody grows silent and no instance expires for the pipeline's own
   * downtime (while the events of that time wait in Kafka).
   */
  void resume(long pausedMs) {
    if (pausedMs <= 0) {
      return;
    }
    clockWall += pausedMs;
    lastEventWall = lastEventWall < 0 ? lastEventWall : lastEventWall + pausedMs;
    lastPredictionWall = lastPredictionWall < 0 ? lastPredictionWall : lastPredictionWall + pausedMs;
    lastHeartbeatWall = lastHeartbeatWall < 0 ? lastHeartbeatWall : lastHeartbeatWall + pausedMs;
    for (InstanceState i : instances.values()) {
      i.lastSeenWall += pausedMs;
      i.lastPredictionWall += pausedMs;
    }
    dirty = true;
  }

  /** Forgets instances not heard from since {@code wall - expiry}. */
  void expireInstances(long wall, long expiryMs) {
    if (instances.values().removeIf(i -> i.lastSeenWall < wall - expiryMs)) {
      dirty = true;
    }
  }

  /** Makes rings, features and detectors match {@code plan}. */
  void apply(TrackingPlan plan, int maxFeatures, long planVersion) {
    for (Iterator<Map.Entry<Long, WindowRing>> it = rings.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, WindowRing> e = it.next();
      if (!plan.rings().containsKey(e.getKey())) {
        droppedRings.add(e.getValue());
        it.remove();
      }
    }
    for (TrackingPlan.Ring r : plan.rings().values()) {
      WindowRing ring = rings.get(r.width());
      if (ring == null) {
        ring = new WindowRing(r.width(), r.capacity());
        rings.put(r.width(), ring);
      } else {
        ring.resize(r.capacity());
      }
      ring.profiles = r.profiles();
    }
    for (String f : plan.features()) {
      if (features.size() >= maxFeatures) {
        break;
      }
      features.add(f);
    }
    detectors.keySet().retainAll(plan.detectors().keySet());
    plan.detectors().forEach((ruleId, d) -> {
      PageHinkley existing = detectors.get(ruleId);
      if (existing == null || !existing.series.equals(d.series()) || !existing.params.equals(d.params())) {
        detectors.put(ruleId, new PageHinkley(d.series(), d.params()));
      }
    });
    cache.clear();
    alertIds.clear();
    plannedFor = planVersion;
    dirty = true;
  }

  /** Whether every instance that reported a lifecycle state reported STOPPED (and one did). */
  boolean stopped() {
    boolean any = false;
    for (InstanceState i : instances.values()) {
      if (i.state != null) {
        if (i.state != LifecycleState.STOPPED) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  /** The head: everything but the buckets (rings are described, not filled). */
  byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeUTF(modelId);
      out.writeLong(clock);
      out.writeLong(clockWall);
      out.writeLong(lastEventWall);
      out.writeLong(lastPredictionWall);
      out.writeLong(lastHeartbeatWall);
      Codec.writeString(out, version);
      out.writeInt(versions.size());
      for (Map.Entry<String, long[]> e : versions.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeLong(e.getValue()[0]);
        out.writeLong(e.getValue()[1]);
      }
      out.writeInt(instances.size());
      for (InstanceState i : instances.values()) {
        i.write(out);
      }
      out.writeInt(features.size());
      for (String f : features) {
        out.writeUTF(f);
      }
      out.writeInt(rings.size());
      for (WindowRing ring : rings.values()) {
        ring.writeHead(out);
      }
      out.writeInt(detectors.size());
      for (Map.Entry<String, PageHinkley> e : detectors.entrySet()) {
        out.writeUTF(e.getKey());
        e.getValue().write(out);
      }
      out.writeInt(episodes.size());
      for (Episode e : episodes.values()) {
        e.write(out);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads {@link #toBytes()}: a model state with empty rings, for the buckets to be put back.
   *
   * @throws IOException when the bytes are not a model state of this format
   */
  static ModelState fromBytes(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    byte format = in.readByte();
    if (format != FORMAT) {
      throw new IOException("unknown model state format " + format);
    }
    ModelState m = new ModelState(in.readUTF());
    m.clock = in.readLong();
    m.clockWall = in.readLong();
    m.lastEventWall = in.readLong();
    m.lastPredictionWall = in.readLong();
    m.lastHeartbeatWall = in.readLong();
    m.version = Codec.readString(in);
    int versions = in.readInt();
    for (int i = 0; i < versions; i++) {
      m.versions.put(in.readUTF(), new long[] {in.readLong(), in.readLong()});
    }
    int instances = in.readInt();
    for (int i = 0; i < instances; i++) {
      InstanceState s = InstanceState.read(in);
      m.instances.put(s.id, s);
    }
    int features = in.readInt();
    for (int i = 0; i < features; i++) {
      m.features.add(in.readUTF());
    }
    int rings = in.readInt();
    for (int i = 0; i < rings; i++) {
      WindowRing ring = WindowRing.readHead(in);
      m.rings.put(ring.width, ring);
    }
    int detectors = in.readInt();
    for (int i = 0; i < detectors; i++) {
      m.detectors.put(in.readUTF(), PageHinkley.read(in));
    }
    int episodes = in.readInt();
    for (int i = 0; i < episodes; i++) {
      Episode e = Episode.read(in);
      m.episodes.put(e.alertId, e);
    }
    m.dirty = false;
    return m;
  }

}
