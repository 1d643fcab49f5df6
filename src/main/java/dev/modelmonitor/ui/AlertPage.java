package dev.modelmonitor.ui;

import dev.modelmonitor.report.HtmlWriter;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertContext;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.FeatureReport;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.ui.chart.LineChart;
import dev.modelmonitor.ui.chart.Numbers;
import dev.modelmonitor.ui.chart.Palette;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * {@code /alerts/{alertId}}: what fired (rule, condition, observed value), why (the metric over
 * time against its threshold, the evidence the rule attached), where the cause is shown (one click
 * to the model page's charts or the report), and the alert's timeline.
 */
final class AlertPage {
  /** How far back the metric chart reaches at most, for alerts that started long ago. */
  static final Duration MAX_CHART_SPAN = Duration.ofHours(24);

  /** Distribution charts drawn on an alert page at most; the model page has them all. */
  static final int MAX_FEATURE_CHARTS = 4;

  /** Minutes shown before the alert started. */
  static final Duration BEFORE_START = Duration.ofMinutes(10);

  private final UiData data;
  private final UiSettings settings;

  AlertPage(UiData data, UiSettings settings) {
    this.data = data;
    this.settings = settings;
  }

  /** The page, or empty if the alert is unknown. */
  Optional<String> render(String alertId, Instant now) {
    Optional<List<Alert>> timeline = data.alertTimeline(alertId);
    if (timeline.isEmpty() || timeline.get().isEmpty()) {
      return Optional.empty();
    }
    List<Alert> transitions = timeline.get();
    Alert alert = transitions.get(transitions.size() - 1);
    Alert fired = lastFiring(transitions);
    String model = alert.getModelId();
    ModelReport latest = data.latestReport(model).orElse(null);
    String latestHref =
        Links.newestWithHtml(data.reports(model)).map(Links::reportHtml).orElse(null);
    AlertCause cause = new AlertCause(alert, latest, latestHref, settings.zone());
    int firing = AlertsPage.firing(data.alerts()).size();
    // One read of the model's series serves the metric's chart and the error types: both show
    // the chart's span.
    Duration span = chartSpan(alert, now);
    Optional<MetricView> view = view(alert.getMetric());
    boolean drawn = view.isPresent() || cause.kind() == AlertCause.Kind.ERRORS;
    ModelSeries series = drawn ? data.series(model, span) : null;
    return Optional.of(
        Page.render(
            fired.getSummary(),
            Page.Section.ALERTS,
            settings,
            now,
            firing,
            h -> {
              Instant end = alert.getEndsAt() == null ? now : alert.getEndsAt();
              Page.header(h, "alert · " + alert.getRuleId(), fired.getSummary(), null);
              h.open("div", "class", "meta")
                  .text("Model ")
                  .element("a", model, "href", Links.model(model))
                  .text(
                      (alert.getModelVersion() == null ? "" : " version " + alert.getModelVersion())
                          + " · started "
                          + UiTimes.at(alert.getStartsAt(), settings.zone())
                          + (alert.getEndsAt() == null ? " · firing for " : " · resolved after ")
                          + UiTimes.span(Duration.between(alert.getStartsAt(), end).abs()))
                  .close("div");
              what(h, alert, fired);
              causes(h, cause);
              evidence(h, alert, cause);
              causeShown(h, alert, cause, latest, series, span, now);
              view.ifPresent(v -> chart(h, alert, v, now, series, span));
              timeline(h, transitions);
              details(h, alert);
            }));
  }

  /**
   * The transition that last fired (what the alert is about even once resolved), else the latest.
   */
  private static Alert lastFiring(List<Alert> transitions) {
    Alert fired = transitions.get(transitions.size() - 1);
    for (Alert t : transitions) {
      if (t.getStatus() == AlertStatus.FIRING) {
        fired = t;
      }
    }
    return fired;
  }

  private void what(HtmlWriter h, Alert a, Alert fired) {
    h.open(
        "section", "class", "panel verdict " + Badges.statusClass(a), "aria-label", "what fired");
    Badges.status(h, a, false);
    h.open("div");
    h.open("p", "class", "condition", "data-condition", condition(fired));
    h.text(condition(fired)).text("  ");
    Badges.severity(h, a.getSeverity());
    h.close("p");
    if (a.getStatus() == AlertStatus.RESOLVED) {
      h.element(
          "p",
          "Resolved "
              + (a.getEndsAt() == null ? "" : UiTimes.at(a.getEndsAt(), settings.zone()) + ": ")
              + condition(a)
              + ".",
          "class",
          "most");
    }
    if (a.getDescription() != null && !a.getDescription().isBlank()) {
      h.element("p", a.getDescription(), "class", "most");
    }
    h.close("div").close("section").newline();
  }

  /**
   * The rule's condition with the observed value: {@code error_rate 12.5% > 5%} when firing, {@code
   * error_rate 1% , no longer > 5%} when resolved.
   */
  static String condition(Alert a) {
    DoubleFunction<String> f = format(a.getMetric());
    String observed =
        a.getValue() != null
            ? f.apply(a.getValue())
            : a.getValueText() != null ? a.getValueText() : "?";
    String threshold = a.getThreshold() != null ? f.apply(a.getThreshold()) : null;
    String observedPart = a.getMetric() + " " + observed;
    if (threshold == null) {
      return observedPart;
    }
    return a.getStatus() == AlertStatus.RESOLVED
        ? observedPart + ", no longer " + a.getOp() + " " + threshold
        : observedPart + " " + a.getOp() + " " + threshold;
  }

  /** Rates and shares read as percentages, the rest as numbers. */
  static DoubleFunction<String> format(String metric) {
    String m = metric.toLowerCase(Locale.ROOT);
    boolean share = m.contains("rate") || m.contains("share");
    return share ? Numbers::percent : Numbers::format;
  }

  private static void causes(HtmlWriter h, AlertCause cause) {
    h.open("section", "class", "panel", "id", "cause").element("h2", "Where the cause is shown");
    h.open("div", "class", "causes");
    boolean first = true;
    for (AlertCause.Link l : cause.links()) {
      h.open(
          "a",
          "href",
          l.href(),
          "class",
          first ? "primary" : null,
          "data-cause",
          cause.kind().name());
      h.text(l.label());
      if (l.detail() != null) {
        h.element("span", l.detail(), "class", "sub");
      }
      h.close("a");
      first = false;
    }
    h.close("div").close("section").newline();
  }

  /**
   * How an alert's metric reads as a per-minute series.
   *
   * @param series the legend entry
   * @param threshold whether the rule's threshold applies to the series
   */
  record MetricView(
      String title,
      String series,
      ToDoubleFunction<MinutePoint> value,
      double absent,
      boolean threshold,
      DoubleFunction<String> format) {}

  /** What per-minute series shows the alert's metric, if one does. */
  static Optional<MetricView> view(String metric) {
    String m = metric.toLowerCase(Locale.ROOT);
    return switch (m) {
      case "error_rate" ->
          Optional.of(
              new MetricView(
                  "error rate per minute",
                  "error rate",
                  MinutePoint::errorRate,
                  Double.NaN,
                  true,
                  Numbers::percent));
      case "latency_p99_ms" ->
          Optional.of(
              new MetricView(
                  "p99 latency per minute, ms",
                  "p99",
                  p -> MinuteGrid.orNaN(p.latencyP99Ms()),
                  Double.NaN,
                  true,
                  Numbers::format));
      case "latency_p50_ms" ->
          Optional.of(
              new MetricView(
                  "median latency per minute, ms",
                  "p50",
                  p -> MinuteGrid.orNaN(p.latencyP50Ms()),
                  Double.NaN,
                  true,
                  Numbers::format));
      case "throughput" ->
          Optional.of(
              new MetricView(
                  "predictions per second, by minute",
                  "predictions / s",
                  p -> p.events() / 60.0,
                  0,
                  true,
                  Numbers::format));
      case "drift_share" ->
          Optional.of(
              new MetricView(
                  "share of features drifted",
                  "drift share",
                  p -> MinuteGrid.orNaN(p.driftShare()),
                  Double.NaN,
                  true,
                  Numbers::percent));
      default ->
          AlertCause.Kind.of(m) == AlertCause.Kind.INSTANCES
                  || AlertCause.Kind.of(m) == AlertCause.Kind.THROUGHPUT
              ? Optional.of(
                  new MetricView(
                      "predictions per minute",
                      "predictions",
                      p -> p.events(),
                      0,
                      false,
                      Numbers::format))
              : Optional.empty();
    };
  }

  /** The UI's lookback, or longer to show the alert's start, up to {@link #MAX_CHART_SPAN}. */
  private Duration chartSpan(Alert a, Instant now) {
    Instant from = a.getStartsAt().minus(BEFORE_START);
    long minutes = (Duration.between(from, now).toSeconds() + 59) / 60;
    Duration span = Duration.ofMinutes(Math.max(settings.lookback().toMinutes(), minutes));
    return span.compareTo(MAX_CHART_SPAN) > 0 ? MAX_CHART_SPAN : span;
  }

  private void chart(HtmlWriter h, Alert a, MetricView v, Instant now, ModelSeries series,
      Duration span) {
    MinuteGrid grid = new MinuteGrid(series.points(), now, span);
    h.open("section", "class", "panel", "id", "metric").element("h2", "The metric over time");
    LineChart chart =
        LineChart.builder()
            .title(v.title())
            .size(1140, 260)
            .zone(settings.zone())
            .timeRange(grid.first(), grid.end())
            .maxGap(Duration.ofMinutes(1))
            .valueFormat(v.format())
            .series(
                v.series(),
                a.getStatus() == AlertStatus.FIRING ? Palette.FLAGGED : Palette.CURRENT,
                grid.points(v.value(), v.absent()));
    if (v.threshold() && a.getThreshold() != null) {
      chart.threshold(a.getThreshold(), "threshold " + v.format().apply(a.getThreshold()));
    }
    h.raw(chart.toSvg());
    h.element(
        "p",
        "Per minute over the last "
            + UiTimes.span(span)
            + "; the rule evaluates its own window"
            + (a.getLabels().containsKey("window") ? " (" + a.getLabels().get("window") + ")" : "")
            + ", so a single minute may cross the line without firing.",
        "class",
        "muted");
    h.close("section").newline();
  }

  /**
   * The charts or table that show the cause, as on the model page, so the page alone explains the
   * alert.
   */
  private void causeShown(HtmlWriter h, Alert a, AlertCause cause, ModelReport latest,
      ModelSeries series, Duration span, Instant now) {
    String model = a.getModelId();
    switch (cause.kind()) {
      case DRIFT, PREDICTION_DRIFT, MISSING_VALUES -> {
        List<String> features = cause.drawnFeatures();
        if (latest == null || features.isEmpty()) {
          return;
        }
        ReferenceProfile reference = data.reference(model).orElse(null);
        h.open("section", "class", "panel", "id", "distributions");
        h.open("h2")
            .text("Current vs reference")
            .element(
                "a",
                "all features",
                "href",
                Links.model(model, Links.DISTRIBUTIONS),
                "class",
                "more")
            .close("h2");
        h.element(
            "p",
            "From the latest report, window "
                + UiTimes.at(latest.getWindowStart(), settings.zone())
                + " → "
                + UiTimes.at(latest.getWindowEnd(), settings.zone())
                + ".",
            "class",
            "muted");
        h.open("div", "class", "grid");
        for (String name : features.subList(0, Math.min(MAX_FEATURE_CHARTS, features.size()))) {
          boolean prediction =
              latest.getPrediction() != null && latest.getPrediction().getName().equals(name);
          FeatureReport f = prediction ? latest.getPrediction() : featureOf(latest, name);
          FeatureProfile ref =
              reference == null
                  ? null
                  : prediction ? reference.getPrediction() : ModelPage.referenceOf(reference, name);
          ModelPage.featureCard(h, f, ref, prediction, false);
        }
        h.close("div").close("section").newline();
      }
      case ERRORS -> {
        h.open("section", "class", "panel", "id", "error-types").element("h2", "Error types");
        ModelPage.errorTypes(h, series.errorTypes(), span);
        h.close("section").newline();
      }
      case INSTANCES -> {
        h.open("section", "class", "panel", "id", "instances").element("h2", "Instances");
        List<InstanceStatus> instances =
            data.models().stream()
                .filter(m -> m.modelId().equals(model))
                .findFirst()
                .map(ModelSummary::instances)
                .orElse(List.of());
        ModelPage.instanceTable(h, instances, now, settings.zone(), false);
        h.close("section").newline();
      }
      default -> {
        // The metric chart below is the whole story.
      }
    }
  }

  private static FeatureReport featureOf(ModelReport report, String name) {
    return report.getFeatures().stream()
        .filter(f -> f.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static void evidence(HtmlWriter h, Alert a, AlertCause cause) {
    h.open("section", "class", "panel", "id", "context").element("h2", "Evidence");
    if (a.getContext().isEmpty()) {
      h.element("p", "The rule attached no evidence to this alert.", "class", "empty")
          .close("section")
          .newline();
      return;
    }
    h.open("div", "class", "scroll").open("table", "class", "context");
    Page.headerRow(h, "What", "", "Score", "num", "Reference", "", "Current", "", "Detail", "");
    h.open("tbody");
    for (AlertContext c : a.getContext()) {
      h.open("tr", "data-context", c.getName());
      String href = cause.href(c);
      h.open("td");
      if (href != null) {
        h.element("a", c.getName(), "href", href);
      } else {
        h.text(c.getName());
      }
      h.close("td");
      h.element("td", c.getScore() == null ? "—" : Numbers.format(c.getScore()), "class", "num");
      h.element("td", c.getReference() == null ? "—" : c.getReference());
      h.element("td", c.getCurrent() == null ? "—" : c.getCurrent());
      h.element("td", c.getDetail() == null ? "" : c.getDetail());
      h.close("tr");
    }
    h.close("tbody").close("table").close("div").close("section").newline();
  }

  private void timeline(HtmlWriter h, List<Alert> transitions) {
    h.open("section", "class", "panel", "id", "timeline").element("h2", "Timeline");
    h.open("ol", "class", "timeline");
    List<Alert> newestFirst = new ArrayList<>(transitions);
    Collections.reverse(newestFirst);
    for (Alert t : newestFirst) {
      Instant at =
          t.getStatus() == AlertStatus.RESOLVED && t.getEndsAt() != null
              ? t.getEndsAt()
              : t.getStartsAt();
      h.open("li", "data-transition", t.getStatus().name());
      h.element("span", UiTimes.at(at, settings.zone()));
      h.open("span");
      Badges.status(h, t, true);
      h.close("span");
      h.open("span")
          .text(t.getStatus() == AlertStatus.FIRING ? "fired: " : "resolved: ")
          .text(condition(t));
      if (t.getStatus() == AlertStatus.RESOLVED && t.getEndsAt() != null) {
        h.text(" · after " + UiTimes.span(Duration.between(t.getStartsAt(), t.getEndsAt()).abs()));
      }
      h.close("span").close("li");
    }
    h.close("ol").close("section").newline();
  }

  private void details(HtmlWriter h, Alert a) {
    h.open("section", "class", "panel", "id", "details").element("h2", "Details");
    h.open("dl", "class", "facts");
    fact(h, "Alert id", a.getAlertId());
    fact(h, "Rule", a.getRuleId());
    fact(h, "Metric", a.getMetric());
    fact(h, "Severity", a.getSeverity());
    fact(h, "Started", UiTimes.at(a.getStartsAt(), settings.zone()));
    fact(
        h,
        "Ended",
        a.getEndsAt() == null ? "still firing" : UiTimes.at(a.getEndsAt(), settings.zone()));
    fact(h, "Last emitted", UiTimes.at(a.getEmittedAt(), settings.zone()));
    Map<String, String> labels = new TreeMap<>(a.getLabels());
    List<String> pairs = new ArrayList<>();
    labels.forEach((k, v) -> pairs.add(k + "=" + v));
    fact(h, "Labels", pairs.isEmpty() ? "—" : String.join(", ", pairs));
    h.close("dl").close("section").newline();
  }

  private static void fact(HtmlWriter h, String term, String value) {
    h.element("dt", term).element("dd", value);
  }
}
