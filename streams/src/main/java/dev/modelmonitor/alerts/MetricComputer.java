package dev.modelmonitor.alerts;

import dev.modelmonitor.alerts.rules.Metric;
import dev.modelmonitor.alerts.rules.MetricKind;
import dev.modelmonitor.alerts.rules.Rule;
import dev.modelmonitor.alerts.rules.RuleParams;
import dev.modelmonitor.schema.AlertContext;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes what a rule's metric reads for a model at model time {@code now} (the exact
 * definitions are in the README, "Metrics"), and the evidence an alert carries.
 */
final class MetricComputer {
  /** Lifecycle states from worst to best; STOPPED instances count only when all are stopped. */
  static final List<LifecycleState> WORST_FIRST =
      List.of(
          LifecycleState.FAILED,
          LifecycleState.DEGRADED,
          LifecycleState.LOADING,
          LifecycleState.STARTING,
          LifecycleState.READY);

  private final AlertsSettings settings;

  MetricComputer(AlertsSettings settings) {
    this.settings = settings;
  }

  Observation observe(Rule rule, ModelState m, DriftMeter.Reference ref, long now, long wall) {
    Metric metric = rule.metric();
    return switch (metric.kind()) {
      case ERROR_RATE -> errorRate(rule, m, now);
      case LATENCY_QUANTILE -> latency(rule, m, now, wall);
      case THROUGHPUT -> throughput(rule, m, now);
      case MISSING_RATE -> missingRate(rule, m, ref, now, false).observation;
      case DRIFT, DRIFT_SHARE, PREDICTION_DRIFT -> drift(rule, m, ref, now, wall);
      case STATE -> state(m);
      case VERSION -> m.version == null ? Observation.NO_DATA : Observation.text(m.version);
      case VERSION_CHANGE -> Observation.of(newVersions(m, now - rule.window().toMillis()).size());
      case SILENCE -> silence(rule, m, wall);
      case CHANGE -> {
        PageHinkley ph = m.detectors.get(rule.id());
        yield ph == null ? Observation.NO_DATA : Observation.of(ph.changesSince(now - rule.window().toMillis()));
      }
    };
  }

  // --- windowed counts ---------------------------------------------------------------------------

  private WindowRing ring(Rule rule, ModelState m) {
    return m.rings.get(TrackingPlan.width(rule, settings));
  }

  private static long minEvents(Rule rule, long fallback) {
    return (long) rule.numberParam(RuleParams.MIN_EVENTS, fallback);
  }

  /** Counts of the window: predictions, failures, outcomes, error types. */
  private record Counts(long count, long errors, long[] outcomes, BoundedCounts errorTypes) {}

  private static Counts counts(WindowRing ring, long now, long windowMs) {
    long[] totals = {0, 0};
    long[] outcomes = new long[Outcome.values().length];
    BoundedCounts types = new BoundedCounts(Bucket.MAX_ERROR_TYPES);
    ring.forEach(now, windowMs, b -> {
      totals[0] += b.count;
      totals[1] += b.errors();
      for (int i = 0; i < outcomes.length; i++) {
        outcomes[i] += b.outcomes[i];
      }
      if (b.errorTypes != null) {
        types.addAll(b.errorTypes);
      }
    });
    return new Counts(totals[0], totals[1], outcomes, types);
  }

  private Observation errorRate(Rule rule, ModelState m, long now) {
    WindowRing ring = ring(rule, m);
    if (ring == null) {
      return Observation.NO_DATA;
    }
    WindowTotals totals = ring.totals(now, rule.window().toMillis());
    long count = totals.count();
    if (count == 0 || count < minEvents(rule, 1)) {
      return Observation.NO_DATA;
    }
    return Observation.of((double) totals.errors() / count);
  }

  private Observation throughput(Rule rule, ModelState m, long now) {
    WindowRing ring = ring(rule, m);
    if (ring == null) {
      return Observation.NO_DATA;
    }
    long w = rule.window().toMillis();
    long count = ring.totals(now, w).count();
    if (count < minEvents(rule, 0)) {
      return Observation.NO_DATA;
    }
    return Observation.of(count / (covered(ring, now, w) / 1000.0));
  }

  /** Milliseconds the window covers: from its start (or the first event) to now, at least one bucket. */
  private static long covered(WindowRing ring, long now, long windowMs) {
    long start = ring.windowStart(now, windowMs);
    if (ring.since != Long.MIN_VALUE && ring.since > start) {
      start = ring.since;
    }
    return Math.max(ring.width, now - start);
  }

  // --- latency -------------------------------------------------------------------------------------

  /**
   * A window's latencies as read at one moment: count and the quantiles asked for, kept for at
   * most quantile-refresh (walking the sketches costs more than counting).
   */
  static final class LatencyView {
    long atModel;
    long atWall;
    LatencySketch.Union union;
    long count;
    final Map<Double, Double> quantiles = new HashMap<>();

    double quantile(double rank) {
      return quantiles.computeIfAbsent(rank, union::quantile);
    }
  }

  private LatencyView latencies(Rule rule, ModelState m, long now, long wall) {
    WindowRing ring = ring(rule, m);
    if (ring == null) {
      return null;
    }
    long w = rule.window().toMillis();
    String key = "latency:" + ring.width + ":" + w;
    LatencyView view = (LatencyView) m.cache.get(key);
    long refresh = settings.quantileRefresh().toMillis();
    if (view == null || refresh == 0 || now - view.atModel >= refresh || wall - view.atWall >= refresh
        || now < view.atModel) {
      if (view == null) {
        view = new LatencyView();
        m.cache.put(key, view);
      }
      view.union = ring.totals(now, w).latencies(now);
      view.count = view.union.count();
      view.quantiles.clear();
      view.atModel = now;
      view.atWall = wall;
    }
    return view;
  }

  private Observation latency(Rule rule, ModelState m, long now, long wall) {
    LatencyView view = latencies(rule, m, now, wall);
    if (view == null || view.count == 0 || view.count < minEvents(rule, 1)) {
      return Observation.NO_DATA;
    }
    return Observation.of(view.quantile(rule.metric().quantile()));
  }

  // --- missing values ------------------------------------------------------------------------------

  private record Missing(Observation observation, List<Map.Entry<String, Double>> ranked, long count) {}

  /** The missing rate the rule reads; with {@code rank}, every feature's, highest first. */
  private Missing missingRate(Rule rule, ModelState m, DriftMeter.Reference ref, long now, boolean rank) {
    WindowRing ring = ring(rule, m);
    Missing none = new Missing(Observation.NO_DATA, List.of(), 0);
    if (ring == null) {
      return none;
    }
    WindowTotals totals = ring.totals(now, rule.window().toMillis());
    long count = totals.count();
    if (count == 0 || count < minEvents(rule, 1)) {
      return new Missing(Observation.NO_DATA, List.of(), count);
    }
    boolean relative = "reference".equals(rule.param(RuleParams.RELATIVE_TO, "none"));
    Iterable<String> features = rule.metric().allFeatures() ? m.features : List.of(rule.metric().argument());
    List<Map.Entry<String, Double>> ranked = rank ? new ArrayList<>() : List.of();
    double max = Double.NEGATIVE_INFINITY;
    for (String f : features) {
      double rate = totals.missing(f) / (double) count;
      if (relative) {
        rate -= ref == null ? 0 : ref.missingRate(f);
      }
      max = Math.max(max, rate);
      if (rank) {
        ranked.add(Map.entry(f, rate));
      }
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return new Missing(Observation.NO_DATA, List.of(), count);
    }
    if (rank) {
      ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    }
    return new Missing(Observation.of(max), ranked, count);
  }

  // --- drift ---------------------------------------------------------------------------------------

  /** Drift scores of every reference feature over one window, recomputed at most every drift-refresh. */
  private static final class DriftView {
    long atModel;
    long atWall;
    final Map<String, DriftMeter.Score> scores = new HashMap<>();
    final Map<String, Long> counts = new HashMap<>();
  }

  private DriftView driftView(Rule rule, ModelState m, DriftMeter.Reference ref, long now, long wall) {
    WindowRing ring = ring(rule, m);
    if (ring == null || ref == null) {
      return null;
    }
    long w = rule.window().toMillis();
    String key = "drift:" + ring.width + ":" + w;
    DriftView view = (DriftView) m.cache.get(key);
    long refresh = settings.driftRefresh().toMillis();
    if (view != null && refresh > 0 && now - view.atModel < refresh && wall - view.atWall < refresh
        && now >= view.atModel) {
      return view;
    }
    view = new DriftView();
    view.atModel = now;
    view.atWall = wall;
    Map<String, DriftMeter.Sample> merged = new HashMap<>();
    ring.forEach(now, w, b -> b.samples.forEach((f, s) -> {
      if (ref.features().contains(f)) {
        merged.computeIfAbsent(f, ref::windowSample).addAll(s);
      }
    }));
    for (String f : ref.features()) {
      DriftMeter.Sample s = merged.get(f);
      long n = s == null ? 0 : s.count();
      view.counts.put(f, n);
      view.scores.put(f, n == 0 ? DriftMeter.Score.notComputed() : ref.score(f, s));
    }
    m.cache.put(key, view);
    return view;
  }

  private Observation drift(Rule rule, ModelState m, DriftMeter.Reference ref, long now, long wall) {
    DriftView view = driftView(rule, m, ref, now, wall);
    if (view == null) {
      return Observation.NO_DATA;
    }
    long min = minEvents(rule, 30);
    String method = rule.param(RuleParams.METHOD, "psi");
    MetricKind kind = rule.metric().kind();
    if (kind == MetricKind.DRIFT_SHARE) {
      int compared = 0;
      int drifted = 0;
      for (String f : ref.features()) {
        DriftMeter.Score s = usable(view, f, min);
        if (s != null && !DriftMeter.PREDICTION.equals(f)) {
          compared++;
          drifted += s.drifted() ? 1 : 0;
        }
      }
      return compared == 0 ? Observation.NO_DATA : Observation.of((double) drifted / compared);
    }
    List<Map.Entry<String, Double>> ranked = rankedDrift(rule, view, ref, min, method);
    return ranked.isEmpty() ? Observation.NO_DATA : Observation.of(ranked.get(0).getValue());
  }

  private static DriftMeter.Score usable(DriftView view, String feature, long minEvents) {
    DriftMeter.Score s = view.scores.get(feature);
    Long n = view.counts.get(feature);
    if (s == null || !s.computed() || n == null || n < Math.max(1, minEvents)) {
      return null;
    }
    return s;
  }

  /** The features a drift rule looks at with their scores by its method, highest first. */
  private static List<Map.Entry<String, Double>> rankedDrift(
      Rule rule, DriftView view, DriftMeter.Reference ref, long min, String method) {
    List<String> features = new ArrayList<>();
    switch (rule.metric().kind()) {
      case PREDICTION_DRIFT -> features.add(DriftMeter.PREDICTION);
      case DRIFT -> {
        if (rule.metric().allFeatures()) {
          for (String f : ref.features()) {
            if (!DriftMeter.PREDICTION.equals(f)) {
              features.add(f);
            }
          }
        } else {
          features.add(rule.metric().argument());
        }
      }
      default -> {
        for (String f : ref.features()) {
          if (!DriftMeter.PREDICTION.equals(f)) {
            features.add(f);
          }
        }
      }
    }
    List<Map.Entry<String, Double>> ranked = new ArrayList<>();
    for (String f : features) {
      DriftMeter.Score s = usable(view, f, min);
      if (s != null && !Double.isNaN(s.by(method))) {
        ranked.add(Map.entry(f, s.by(method)));
      }
    }
    ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    return ranked;
  }

  // --- state, versions, silence -------------------------------------------------------------------

  private static Observation state(ModelState m) {
    LifecycleState worst = null;
    boolean anyStopped = false;
    for (InstanceState i : m.instances.values()) {
      if (i.state == null) {
        continue;
      }
      if (i.state == LifecycleState.STOPPED) {
        anyStopped = true;
      } else if (worst == null || WORST_FIRST.indexOf(i.state) < WORST_FIRST.indexOf(worst)) {
        worst = i.state;
      }
    }
    if (worst != null) {
      return Observation.text(worst.name());
    }
    return anyStopped ? Observation.text(LifecycleState.STOPPED.name()) : Observation.NO_DATA;
  }

  /** Versions that replaced another one after {@code from} (model time), oldest first. */
  private static List<Map.Entry<String, Long>> newVersions(ModelState m, long from) {
    List<Map.Entry<String, Long>> out = new ArrayList<>();
    m.versions.forEach((v, seen) -> {
      if (seen[1] == 1 && seen[0] > from) {
        out.add(Map.entry(v, seen[0]));
      }
    });
    return out;
  }

  private static Observation silence(Rule rule, ModelState m, long wall) {
    if ("instance".equals(rule.param(RuleParams.SOURCE, "any"))) {
      InstanceState quietest = quietestLiveInstance(m);
      return quietest == null
          ? Observation.NO_DATA
          : Observation.of(Math.max(0, wall - quietest.lastPredictionWall) / 1000.0);
    }
    long last = switch (rule.param(RuleParams.SOURCE, "any")) {
      case "predictions" -> m.lastPredictionWall;
      case "heartbeat" -> m.lastHeartbeatWall;
      default -> m.lastEventWall;
    };
    if (last < 0 || m.stopped()) {
      return Observation.NO_DATA;
    }
    return Observation.of(Math.max(0, wall - last) / 1000.0);
  }

  /**
   * The instance not reported STOPPED that served its last prediction longest ago: one hung pod
   * among busy ones leaves the model loud (and may still heartbeat), so only a per-instance
   * silence finds it.
   */
  private static InstanceState quietestLiveInstance(ModelState m) {
    InstanceState quietest = null;
    for (InstanceState i : m.instances.values()) {
      if (i.state != LifecycleState.STOPPED
          && (quietest == null || i.lastPredictionWall < quietest.lastPredictionWall)) {
        quietest = i;
      }
    }
    return quietest;
  }

  // --- evidence ------------------------------------------------------------------------------------

  /** What a person needs to act on an alert of {@code rule}, at most {@code contextItems} items. */
  List<AlertContext> evidence(Rule rule, ModelState m, DriftMeter.Reference ref, long now, long wall) {
    int limit = settings.contextItems();
    List<AlertContext> out = new ArrayList<>();
    long w = rule.window().toMillis();
    switch (rule.metric().kind()) {
      case ERROR_RATE, THROUGHPUT -> {
        WindowRing ring = ring(rule, m);
        if (ring == null) {
          break;
        }
        Counts c = counts(ring, now, w);
        out.add(item("events", (double) c.count(), null, null,
            c.errors() + " not OK: " + outcomes(c.outcomes())));
        for (Map.Entry<String, Long> e : c.errorTypes().top(limit)) {
          out.add(item("error " + e.getKey(), (double) e.getValue(), null, null,
              Numbers.percent(c.count() == 0 ? 0 : (double) e.getValue() / c.count()) + " of events in the window"));
        }
      }
      case LATENCY_QUANTILE -> {
        LatencyView s = latencies(rule, m, now, wall);
        if (s == null || s.count == 0) {
          break;
        }
        for (double q : new double[] {0.5, 0.9, 0.99}) {
          out.add(item("p" + Numbers.format(q * 100) + " ms", s.quantile(q), null, null, null));
        }
        out.add(item("max ms", s.union.max(), null, null, s.count + " latencies in the window"));
      }
      case MISSING_RATE -> {
        Missing missing = missingRate(rule, m, ref, now, true);
        boolean relative = "reference".equals(rule.param(RuleParams.RELATIVE_TO, "none"));
        for (Map.Entry<String, Double> e : missing.ranked().subList(0, Math.min(limit, missing.ranked().size()))) {
          String reference = ref == null ? null : "missing " + Numbers.percent(ref.missingRate(e.getKey()));
          double rate = e.getValue() + (relative && ref != null ? ref.missingRate(e.getKey()) : 0);
          out.add(item(e.getKey(), e.getValue(), reference, "missing " + Numbers.percent(rate),
              missing.count() + " events in the window"));
        }
      }
      case DRIFT, DRIFT_SHARE, PREDICTION_DRIFT -> {
        DriftView view = driftView(rule, m, ref, now, wall);
        if (view == null) {
          break;
        }
        String method = rule.param(RuleParams.METHOD, "psi");
        for (Map.Entry<String, Double> e : rankedDrift(rule, view, ref, minEvents(rule, 30), method)) {
          if (out.size() == limit) {
            break;
          }
          DriftMeter.Score s = view.scores.get(e.getKey());
          String scoreName = rule.metric().kind() == MetricKind.DRIFT_SHARE ? "psi" : method;
          out.add(item(e.getKey(), s.by(scoreName), s.reference(), s.current(),
              (s.drifted() ? "drifted" : "not drifted") + " by " + s.decisionMethod() + " "
                  + Numbers.format(s.decisionScore()) + "; psi " + Numbers.format(s.psi())
                  + ", n " + view.counts.get(e.getKey())));
        }
      }
      case STATE -> {
        List<InstanceState> instances = new ArrayList<>(m.instances.values());
        instances.removeIf(i -> i.state == null);
        instances.sort(Comparator.comparingInt(i -> rank(i.state)));
        for (InstanceState i : instances.subList(0, Math.min(limit, instances.size()))) {
          out.add(item("instance " + i.id, null, null, i.state.name(),
              (i.reason == null ? "" : i.reason + "; ") + "since " + Instant.ofEpochMilli(i.stateSince)));
        }
      }
      case VERSION, VERSION_CHANGE -> {
        List<String> versions = new ArrayList<>(m.versions.keySet());
        for (int i = versions.size() - 1; i >= 0 && out.size() < limit; i--) {
          String v = versions.get(i);
          out.add(item("version " + v, null, i > 0 ? versions.get(i - 1) : null, v,
              "first seen " + Instant.ofEpochMilli(m.versions.get(v)[0])));
        }
      }
      case SILENCE -> {
        InstanceState quietest = quietestLiveInstance(m);
        if ("instance".equals(rule.param(RuleParams.SOURCE, "any")) && quietest != null) {
          out.add(item("instance " + quietest.id, null, null,
              "last prediction " + Instant.ofEpochMilli(quietest.lastPredictionWall),
              quietest.state == null ? null : "state " + quietest.state.name()));
        }
        out.add(item("last event", null, null,
            m.lastEventWall < 0 ? "never" : Instant.ofEpochMilli(m.lastEventWall).toString(), null));
        out.add(item("last prediction", null, null,
            m.lastPredictionWall < 0 ? "never" : Instant.ofEpochMilli(m.lastPredictionWall).toString(), null));
        out.add(item("last heartbeat", null, null,
            m.lastHeartbeatWall < 0 ? "never" : Instant.ofEpochMilli(m.lastHeartbeatWall).toString(), null));
      }
      case CHANGE -> {
        PageHinkley ph = m.detectors.get(rule.id());
        PageHinkley.ChangePoint c = ph == null ? null : ph.latest();
        if (c != null) {
          out.add(item(rule.metric().argument(), c.statistic(), "mean " + Numbers.format(c.before()),
              "mean " + Numbers.format(c.after()),
              (c.up() ? "rose" : "fell") + " at " + Instant.ofEpochMilli(c.time())
                  + " (Page-Hinkley statistic " + Numbers.format(c.statistic()) + " > lambda "
                  + Numbers.format(ph.params.lambda()) + ")"));
        }
      }
      default -> {}
    }
    return out;
  }

  private static int rank(LifecycleState s) {
    int i = WORST_FIRST.indexOf(s);
    return i < 0 ? WORST_FIRST.size() : i;
  }

  private static String outcomes(long[] outcomes) {
    StringBuilder out = new StringBuilder();
    for (Outcome o : Outcome.values()) {
      if (o != Outcome.OK && outcomes[o.ordinal()] > 0) {
        if (out.length() > 0) {
          out.append(", ");
        }
        out.append(o.name()).append(' ').append(outcomes[o.ordinal()]);
      }
    }
    return out.length() == 0 ? "none" : out.toString();
  }

  private static AlertContext item(String name, Double score, String reference, String current, String detail) {
    return AlertContext.newBuilder()
        .setName(name)
        .setScore(score)
        .setReference(reference)
        .setCurrent(current)
        .setDetail(detail)
        .build();
  }
}
