package dev.modelmonitor.ui;

import dev.modelmonitor.report.ReportFixtures;
import dev.modelmonitor.report.ReportIndex;
import dev.modelmonitor.report.ReportStatus;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertContext;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory {@link UiData} holding a small, realistic scene at {@link #NOW}: {@code bike-demand}
 * drifting (8 of 12 features, from the real bike-sharing report fixture), failing (12% errors in
 * the last 10 minutes) and with one instance DEGRADED and one silent; {@code rain-classifier}
 * healthy; and a model whose id is hostile markup, with a resolved silence alert.
 */
class FixtureUiData implements UiData {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:30Z");
  static final String BIKE = "bike-demand";
  static final String RAIN = "rain-classifier";

  /** A model id made to break markup and URLs if anything is left unescaped. */
  static final String HOSTILE = "churn <b>\"v2\"</b> & 'co'";

  static final String DRIFT_ALERT = "a1d0f0000000000000000001";
  static final String ERROR_ALERT = "a1d0f0000000000000000002";
  static final String DEGRADED_ALERT = "a1d0f0000000000000000003";
  static final String SILENCE_ALERT = "a1d0f0000000000000000004";

  /** Windows of the bike-demand reports, newest first. */
  static final Instant WINDOW_1 = Instant.parse("2026-11-28T11:00:00Z");

  static final Instant WINDOW_2 = Instant.parse("2026-11-28T10:00:00Z");

  private final List<ModelSummary> models = new ArrayList<>();
  private final Map<String, List<MinutePoint>> series = new LinkedHashMap<>();
  /** The lookback of every {@link #series} read, in order: pages should read once. */
  final List<Duration> seriesReads = new ArrayList<>();
  private final Map<String, Map<String, Long>> errorTypes = new LinkedHashMap<>();
  private final Map<String, List<Alert>> timelines = new LinkedHashMap<>();
  private final List<ReportIndex.Entry> reports = new ArrayList<>();
  private final Map<String, ModelReport> latest = new LinkedHashMap<>();
  private final Map<String, ReferenceProfile> references = new LinkedHashMap<>();

  FixtureUiData() {
    models.add(
        new ModelSummary(
            BIKE,
            List.of("2.3.0", "2.3.1"),
            List.of(
                instance("bike-demand-7f9c-a", "2.3.1", LifecycleState.READY, null, 3_600, 4),
                instance(
                    "bike-demand-7f9c-b",
                    "2.3.1",
                    LifecycleState.DEGRADED,
                    "feature store slow",
                    300,
                    3),
                instance("bike-demand-7f9c-c", "2.3.0", LifecycleState.READY, null, 7_200, 95)),
            NOW.minusSeconds(2)));
    models.add(
        new ModelSummary(
            RAIN,
            List.of("1.0.0"),
            List.of(
                instance("rain-classifier-0", "1.0.0", LifecycleState.READY, null, 86_400, 5),
                instance("rain-classifier-1", "1.0.0", LifecycleState.READY, null, 86_400, 6)),
            NOW.minusSeconds(1)));
    models.add(
        new ModelSummary(
            HOSTILE,
            List.of("<v2>"),
            List.of(instance("pod-<1>", "<v2>", LifecycleState.STOPPED, "scaled <down>", 600, 600)),
            NOW.minusSeconds(600)));

    series.put(BIKE, bikeSeries());
    series.put(RAIN, steady(60, 0.01, 30.0, 0.0));
    series.put(HOSTILE, List.of());
    errorTypes.put(
        BIKE,
        Map.of(
            "java.net.SocketTimeoutException",
            91L,
            "feature_store.Unavailable",
            48L,
            "ValueError <input>",
            4L));

    alert(
        DRIFT_ALERT,
        "default-data-drift",
        BIKE,
        "warning",
        "drift_share",
        ">=",
        0.667,
        null,
        0.5,
        12,
        null,
        BIKE + ": 66.7% of features drifted from the reference over 15m",
        List.of(
            ctx(
                "temp",
                5.16,
                "median 0.5",
                "median 0.74",
                "drifted by wasserstein_normed 1.33; psi 5.16, n 744"),
            ctx(
                "atemp",
                5.16,
                "median 0.485",
                "median 0.697",
                "drifted by wasserstein_normed 1.29; psi 5.16, n 744"),
            ctx(
                "mnth",
                8.38,
                "top 1, 2, 3",
                "top 7",
                "drifted by jensen_shannon 0.885; psi 8.38, n 744")));
    alert(
        ERROR_ALERT,
        "default-error-rate",
        BIKE,
        "critical",
        "error_rate",
        ">",
        0.12,
        null,
        0.05,
        9,
        null,
        BIKE + ": 12% of requests fail (> 5% over 1m)",
        List.of(
            ctx("events", 120.0, null, null, "14 not OK: ERROR 5, TIMEOUT 9"),
            ctx(
                "error java.net.SocketTimeoutException",
                9.0,
                null,
                null,
                "7.5% of events in the window")));
    alert(
        DEGRADED_ALERT,
        "default-degraded",
        BIKE,
        "warning",
        "state",
        "in",
        null,
        "DEGRADED",
        null,
        5,
        null,
        BIKE + ": an instance is DEGRADED",
        List.of(
            ctx(
                "instance bike-demand-7f9c-b",
                null,
                null,
                "DEGRADED",
                "feature store slow; since 2026-11-28T11:55:30Z")));
    Alert silenceFired =
        alert(
            SILENCE_ALERT,
            "default-silence",
            HOSTILE,
            "critical",
            "silence_s",
            ">",
            75.0,
            null,
            60.0,
            40,
            null,
            HOSTILE + ": silent for 75 s",
            List.of(ctx("last event", null, null, "2026-11-28T11:19:15Z", null)));
    timelines
        .get(SILENCE_ALERT)
        .add(
            Alert.newBuilder(silenceFired)
                .setStatus(AlertStatus.RESOLVED)
                .setEndsAt(NOW.minus(Duration.ofMinutes(30)))
                .setEmittedAt(NOW.minus(Duration.ofMinutes(30)))
                .setValue(4.0)
                .setSummary(HOSTILE + ": silent for 4 s")
                .build());

    ModelReport bike =
        ModelReport.newBuilder(ReportFixtures.bikeReport())
            .setWindowStart(WINDOW_1)
            .setWindowEnd(WINDOW_1.plus(Duration.ofHours(1)))
            .setGeneratedAt(WINDOW_1.plus(Duration.ofMinutes(65)))
            .build();
    latest.put(BIKE, bike);
    references.put(BIKE, ReportFixtures.bikeReference());
    latest.put(RAIN, ReportFixtures.rainReport());
    references.put(RAIN, ReportFixtures.rainReference());
    reports.add(
        ReportIndex.Entry.of(
            bike,
            Map.of(
                "html",
                "bike-demand/2026-11-28T11-00-00Z.html",
                "json",
                "bike-demand/2026-11-28T11-00-00Z.json")));
    reports.add(
        new ReportIndex.Entry(
            BIKE,
            WINDOW_2,
            WINDOW_1,
            7_200,
            36,
            12,
            0,
            ReportStatus.OK,
            "No drift: 0 of 12 features drifted",
            Map.of("html", "bike-demand/2026-11-28T10-00-00Z.html")));
    reports.add(
        ReportIndex.Entry.of(
            ReportFixtures.rainReport(),
            Map.of("html", "rain-classifier/2012-07-01T00-00-00Z.html")));
  }

  /** A service that has heard of nothing yet. */
  static UiData empty() {
    return new UiData() {
      @Override
      public List<ModelSummary> models() {
        return List.of();
      }

      @Override
      public ModelSeries series(String modelId, Duration lookback) {
        return ModelSeries.EMPTY;
      }

      @Override
      public List<Alert> alerts() {
        return List.of();
      }

      @Override
      public Optional<List<Alert>> alertTimeline(String alertId) {
        return Optional.empty();
      }

      @Override
      public List<ReportIndex.Entry> reports(String modelId) {
        return List.of();
      }

      @Override
      public Optional<ModelReport> latestReport(String modelId) {
        return Optional.empty();
      }

      @Override
      public Optional<ReferenceProfile> reference(String modelId) {
        return Optional.empty();
      }
    };
  }

  private static InstanceStatus instance(
      String id,
      String version,
      LifecycleState state,
      String reason,
      long stateSecondsAgo,
      long heartbeatSecondsAgo) {
    Instance where =
        Instance.newBuilder()
            .setId(id)
            .setPod(id)
            .setNamespace("ml")
            .setNode("node-1")
            .setImage("registry.local/" + id.replaceAll("-[^-]*$", "") + ":" + version)
            .build();
    return new InstanceStatus(
        where,
        version,
        state,
        reason,
        NOW.minusSeconds(stateSecondsAgo),
        NOW.minusSeconds(heartbeatSecondsAgo),
        5_000);
  }

  /**
   * An hour of bike-demand: 120 predictions a minute, errors and drift climbing in the last
   * minutes.
   */
  private static List<MinutePoint> bikeSeries() {
    List<MinutePoint> out = new ArrayList<>();
    Instant minute = NOW.truncatedTo(ChronoUnit.MINUTES);
    for (int ago = 60; ago >= 0; ago--) {
      Instant start = minute.minus(Duration.ofMinutes(ago));
      long events = ago == 0 ? 60 : 120 + Math.round(8 * Math.sin(ago / 5.0));
      long errors = ago <= 10 ? Math.round(events * 0.12) : ago % 9 == 0 ? 1 : 0;
      double drift = ago > 25 ? 0.083 : ago > 15 ? 0.25 + (25 - ago) * 0.03 : 0.667;
      double p50 = 18 + 2 * Math.cos(ago / 4.0);
      double p99 = ago <= 10 ? 95 + ago : 47 + 4 * Math.sin(ago / 3.0);
      out.add(new MinutePoint(start, events, errors, p50, p99, drift));
    }
    return out;
  }

  private static List<MinutePoint> steady(int minutes, double errorRate, double p50, double drift) {
    List<MinutePoint> out = new ArrayList<>();
    Instant minute = NOW.truncatedTo(ChronoUnit.MINUTES);
    for (int ago = minutes; ago >= 1; ago--) {
      long events = 40;
      out.add(
          new MinutePoint(
              minute.minus(Duration.ofMinutes(ago)),
              events,
              Math.round(events * errorRate),
              p50,
              p50 * 2.5,
              drift));
    }
    return out;
  }

  private Alert alert(
      String id,
      String rule,
      String model,
      String severity,
      String metric,
      String op,
      Double value,
      String valueText,
      Double threshold,
      int minutesAgo,
      Instant endsAt,
      String summary,
      List<AlertContext> context) {
    Alert a =
        Alert.newBuilder()
            .setAlertId(id)
            .setRuleId(rule)
            .setModelId(model)
            .setModelVersion("2.3.1")
            .setSeverity(severity)
            .setStatus(AlertStatus.FIRING)
            .setMetric(metric)
            .setOp(op)
            .setValue(value)
            .setValueText(valueText)
            .setThreshold(threshold)
            .setStartsAt(NOW.minus(Duration.ofMinutes(minutesAgo)))
            .setEndsAt(endsAt)
            .setEmittedAt(NOW.minus(Duration.ofMinutes(minutesAgo)))
            .setSummary(summary)
            .setDescription("Fired by rule " + rule + ".")
            .setLabels(Map.of("model", model, "severity", severity))
            .setContext(context)
            .setUrl("http://localhost:8080/alerts/" + id)
            .build();
    timelines.computeIfAbsent(id, k -> new ArrayList<>()).add(a);
    return a;
  }

  private static AlertContext ctx(
      String name, Double score, String reference, String current, String detail) {
    return AlertContext.newBuilder()
        .setName(name)
        .setScore(score)
        .setReference(reference)
        .setCurrent(current)
        .setDetail(detail)
        .build();
  }

  @Override
  public List<ModelSummary> models() {
    return List.copyOf(models);
  }

  @Override
  public ModelSeries series(String modelId, Duration lookback) {
    seriesReads.add(lookback);
    Instant from = NOW.truncatedTo(ChronoUnit.MINUTES).minus(lookback);
    return new ModelSeries(
        series.getOrDefault(modelId, List.of()).stream()
            .filter(p -> !p.start().isBefore(from))
            .toList(),
        errorTypes.getOrDefault(modelId, Map.of()));
  }

  @Override
  public List<Alert> alerts() {
    return timelines.values().stream().map(t -> t.get(t.size() - 1)).toList();
  }

  @Override
  public Optional<List<Alert>> alertTimeline(String alertId) {
    return Optional.ofNullable(timelines.get(alertId)).map(List::copyOf);
  }

  @Override
  public List<ReportIndex.Entry> reports(String modelId) {
    return reports.stream().filter(e -> modelId == null || e.modelId().equals(modelId)).toList();
  }

  @Override
  public Optional<ModelReport> latestReport(String modelId) {
    return Optional.ofNullable(latest.get(modelId));
  }

  @Override
  public Optional<ReferenceProfile> reference(String modelId) {
    return Optional.ofNullable(references.get(modelId));
  }
}
