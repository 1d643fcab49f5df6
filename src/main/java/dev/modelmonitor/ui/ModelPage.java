package dev.modelmonitor.ui;

import dev.modelmonitor.report.DriftRanking;
import dev.modelmonitor.report.HtmlWriter;
import dev.modelmonitor.report.ReportHtmlRenderer;
import dev.modelmonitor.report.ReportIndex;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.DriftResult;
import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.FeatureReport;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.ui.chart.Distribution;
import dev.modelmonitor.ui.chart.GroupedBarChart;
import dev.modelmonitor.ui.chart.HorizontalBarChart;
import dev.modelmonitor.ui.chart.LineChart;
import dev.modelmonitor.ui.chart.Numbers;
import dev.modelmonitor.ui.chart.Palette;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /models/{id}}: one model's open alerts, throughput, error rate and error types, latency
 * and drift over time, its instances with their heartbeats, the current vs reference distribution
 * of every feature (from the latest report), and its reports. Every section has an id, so an alert
 * links straight to the part that shows its cause.
 */
final class ModelPage {
  /** Feature charts drawn at most, as in the reports. */
  static final int MAX_FEATURE_CHARTS = 60;

  /** Reports listed on the page; the reports page has them all. */
  static final int MAX_REPORTS = 10;

  /** Silence after which a heartbeat counts as overdue when the instance declared no interval. */
  static final Duration DEFAULT_HEARTBEAT_GRACE = Duration.ofSeconds(60);

  private static final double CHART_W = 540;
  private static final double CHART_H = 230;

  private final UiData data;
  private final UiSettings settings;

  ModelPage(UiData data, UiSettings settings) {
    this.data = data;
    this.settings = settings;
  }

  /** The page, or empty if nothing at all is known about {@code modelId}. */
  Optional<String> render(String modelId, Instant now) {
    Optional<ModelSummary> summary =
        data.models().stream().filter(m -> m.modelId().equals(modelId)).findFirst();
    List<Alert> alerts = data.alerts();
    List<Alert> firing = AlertsPage.firing(alerts);
    List<Alert> open = firing.stream().filter(a -> a.getModelId().equals(modelId)).toList();
    List<ReportIndex.Entry> reports = new ArrayList<>(data.reports(modelId));
    reports.sort(Comparator.comparing(ReportIndex.Entry::windowStart).reversed());
    Optional<ModelReport> latest = data.latestReport(modelId);
    boolean anyAlert = alerts.stream().anyMatch(a -> a.getModelId().equals(modelId));
    if (summary.isEmpty() && !anyAlert && reports.isEmpty() && latest.isEmpty()) {
      return Optional.empty();
    }
    ModelSeries series = data.series(modelId, settings.lookback());
    RecentNumbers recent = RecentNumbers.of(series.points(), now, settings.recent());
    MinuteGrid grid = new MinuteGrid(series.points(), now, settings.lookback());
    ModelSummary model = summary.orElse(new ModelSummary(modelId, List.of(), List.of(), null));
    return Optional.of(
        Page.render(
            modelId,
            Page.Section.MODELS,
            settings,
            now,
            firing.size(),
            h -> {
              String versions =
                  model.versions().isEmpty()
                      ? "model"
                      : "model · version " + String.join(", ", model.versions());
              Page.header(
                  h,
                  versions,
                  modelId,
                  model.instances().size()
                      + (model.instances().size() == 1 ? " instance" : " instances")
                      + " · last seen "
                      + UiTimes.ago(model.lastSeen(), now));
              openAlerts(h, open, now);
              cards(h, recent, open.size());
              toc(h);
              h.open("div", "class", "charts");
              throughput(h, grid);
              latency(h, grid);
              h.close("div").newline();
              errors(h, series.errorTypes(), grid);
              drift(h, grid, latest.orElse(null));
              instances(h, model.instances(), now);
              distributions(h, latest.orElse(null), data.reference(modelId).orElse(null), reports);
              reports(h, modelId, reports);
            }));
  }

  private void openAlerts(HtmlWriter h, List<Alert> open, Instant now) {
    if (open.isEmpty()) {
      return;
    }
    String worst = Badges.severityClass(open.get(0).getSeverity());
    h.open("section", "class", "panel alerting st-" + worst, "id", Links.ALERTS);
    h.element("h2", open.size() + (open.size() == 1 ? " alert firing" : " alerts firing"));
    AlertsPage.table(h, open, now, settings.zone(), false);
    h.close("section").newline();
  }

  private void cards(HtmlWriter h, RecentNumbers r, int open) {
    String over = "last " + UiTimes.span(settings.recent());
    h.open("section", "class", "cards", "aria-label", "headline numbers");
    Page.card(h, "Predictions / min", Numbers.format(r.perMinute()), over);
    Page.card(h, "Error rate", r.errorRate() == null ? "—" : Numbers.percent(r.errorRate()), over);
    Page.card(
        h,
        "p99 latency",
        r.latencyP99Ms() == null ? "—" : Numbers.format(r.latencyP99Ms()) + " ms",
        "worst minute, " + over);
    Page.card(
        h,
        "Drift share",
        r.driftShare() == null ? "—" : Numbers.percent(r.driftShare()),
        "features drifted");
    Page.card(h, "Open alerts", Integer.toString(open), open == 0 ? "nothing firing" : "see above");
    h.close("section").newline();
  }

  private static void toc(HtmlWriter h) {
    h.open("nav", "class", "toc", "aria-label", "sections");
    for (String[] s :
        new String[][] {
          {Links.THROUGHPUT, "Throughput"},
          {Links.ERRORS, "Errors"},
          {Links.LATENCY, "Latency"},
          {Links.DRIFT, "Drift"},
          {Links.INSTANCES, "Instances"},
          {Links.DISTRIBUTIONS, "Distributions"},
          {Links.REPORTS, "Reports"}
        }) {
      h.element("a", s[1], "href", "#" + s[0]);
    }
    h.close("nav").newline();
  }

  private LineChart chart(String title, MinuteGrid grid) {
    return LineChart.builder()
        .title(title)
        .size(CHART_W, CHART_H)
        .zone(settings.zone())
        .timeRange(grid.first(), grid.end())
        .maxGap(Duration.ofMinutes(1));
  }

  private void throughput(HtmlWriter h, MinuteGrid grid) {
    h.open("section", "class", "panel", "id", Links.THROUGHPUT).element("h2", "Throughput");
    h.raw(
        chart("predictions per minute", grid)
            .series("predictions", Palette.CURRENT, grid.points(p -> p.events(), 0))
            .series("errors", Palette.FLAGGED, grid.points(p -> p.errors(), 0))
            .toSvg());
    h.close("section");
  }

  private void errors(HtmlWriter h, Map<String, Long> errorTypes, MinuteGrid grid) {
    h.open("section", "class", "panel", "id", Links.ERRORS).element("h2", "Errors");
    h.open("div", "class", "two");
    h.open("div")
        .raw(
            chart("share of predictions not OK, per minute", grid)
                .series(
                    "error rate", Palette.FLAGGED, grid.points(MinutePoint::errorRate, Double.NaN))
                .valueFormat(Numbers::percent)
                .toSvg())
        .close("div");
    h.open("div");
    errorTypes(h, errorTypes, settings.lookback());
    h.close("div").close("div").close("section").newline();
  }

  /** Failed predictions per error type, or a note that there are none. */
  static void errorTypes(HtmlWriter h, Map<String, Long> types, Duration lookback) {
    if (types.isEmpty()) {
      h.element("h3", "Error types")
          .element(
              "p",
              "No failed prediction in the last "
                  + UiTimes.span(lookback)
                  + " carried an error type.",
              "class",
              "empty");
      return;
    }
    HorizontalBarChart bars =
        HorizontalBarChart.builder()
            .title("failed predictions per error type, last " + UiTimes.span(lookback))
            .width(CHART_W)
            .legend("errors", "errors")
            .maxBars(12)
            .valueFormat(v -> Numbers.count(Math.round(v)));
    types.forEach((type, n) -> bars.bar(type, n, true));
    h.raw(bars.toSvg());
  }

  private void latency(HtmlWriter h, MinuteGrid grid) {
    h.open("section", "class", "panel", "id", Links.LATENCY).element("h2", "Latency");
    h.raw(
        chart("latency per minute, ms", grid)
            .series(
                "p50",
                Palette.SKY_BLUE,
                grid.points(p -> MinuteGrid.orNaN(p.latencyP50Ms()), Double.NaN))
            .series(
                "p99",
                Palette.BLUE,
                grid.points(p -> MinuteGrid.orNaN(p.latencyP99Ms()), Double.NaN))
            .toSvg());
    h.close("section");
  }

  private void drift(HtmlWriter h, MinuteGrid grid, ModelReport report) {
    h.open("section", "class", "panel", "id", Links.DRIFT).element("h2", "Drift");
    h.open("div", "class", "two");
    h.open("div")
        .raw(
            chart("share of features drifted from the reference", grid)
                .series(
                    "drift share",
                    Palette.VERMILLION,
                    grid.points(p -> MinuteGrid.orNaN(p.driftShare()), Double.NaN))
                .threshold(0.5, "dataset drift at 50%")
                .yRange(0.0, 1.0)
                .valueFormat(Numbers::percent)
                .toSvg())
        .close("div");
    h.open("div");
    List<FeatureReport> compared =
        report == null
            ? List.of()
            : DriftRanking.sorted(report.getFeatures()).stream()
                .filter(f -> f.getDrift() != null && f.getDrift().getJsDistance() != null)
                .toList();
    if (compared.isEmpty()) {
      h.element("h3", "Drift by feature")
          .element("p", "No report compared features with a reference yet.", "class", "empty");
    } else {
      HorizontalBarChart bars =
          HorizontalBarChart.builder()
              .title("Jensen–Shannon distance by feature, latest report")
              .width(CHART_W)
              .maxBars(12)
              .legend("drifted", "not drifted")
              .marker(0.1, "0.1")
              .valueFormat(v -> Numbers.format(v, 2));
      for (FeatureReport f : compared) {
        bars.bar(f.getName(), f.getDrift().getJsDistance(), f.getDrift().getDrifted());
      }
      h.raw(bars.toSvg());
    }
    h.close("div").close("div").close("section").newline();
  }

  private void instances(HtmlWriter h, List<InstanceStatus> instances, Instant now) {
    h.open("section", "class", "panel", "id", Links.INSTANCES).element("h2", "Instances");
    instanceTable(h, instances, now, settings.zone(), true);
    h.close("section").newline();
  }

  /**
   * The instances with their state and last heartbeat, by id.
   *
   * @param withIds whether rows carry the ids alerts link to (only on the model page, so that ids
   *     stay unique)
   */
  static void instanceTable(
      HtmlWriter h, List<InstanceStatus> instances, Instant now, ZoneId zone, boolean withIds) {
    if (instances.isEmpty()) {
      h.element("p", "No instance has reported its state or a heartbeat.", "class", "empty");
      return;
    }
    List<InstanceStatus> sorted = new ArrayList<>(instances);
    sorted.sort(Comparator.comparing(InstanceStatus::id));
    h.open("div", "class", "scroll").open("table", "class", "instances");
    Page.headerRow(
        h,
        "Instance",
        "",
        "Where",
        "",
        "Version",
        "",
        "State",
        "",
        "Since",
        "",
        "Reason",
        "",
        "Last heartbeat",
        "");
    h.open("tbody");
    for (InstanceStatus i : sorted) {
      h.open("tr", "id", withIds ? Links.instanceAnchor(i.id()) : null, "data-instance", i.id());
      h.element("td", i.id());
      h.element("td", where(i.instance()));
      h.element("td", i.modelVersion() == null ? "—" : i.modelVersion());
      h.open("td");
      Badges.state(h, i.state(), null);
      h.close("td");
      h.element(
          "td",
          i.stateSince() == null ? "—" : UiTimes.ago(i.stateSince(), now),
          "title",
          i.stateSince() == null ? null : UiTimes.at(i.stateSince(), zone));
      h.element("td", i.reason() == null ? "—" : i.reason());
      h.open("td", "title", i.lastHeartbeat() == null ? null : UiTimes.at(i.lastHeartbeat(), zone));
      h.text(UiTimes.ago(i.lastHeartbeat(), now));
      if (overdue(i, now)) {
        h.text(" ").element("span", "overdue", "class", "pill overdue");
      }
      h.close("td").close("tr");
    }
    h.close("tbody").close("table").close("div");
  }

  /**
   * Whether the instance's heartbeat is late: past twice its interval, or a minute without one
   * declared.
   */
  static boolean overdue(InstanceStatus i, Instant now) {
    if (i.lastHeartbeat() == null || i.state() == dev.modelmonitor.schema.LifecycleState.STOPPED) {
      return false;
    }
    Duration grace =
        i.heartbeatInterval() > 0
            ? Duration.ofMillis(2 * i.heartbeatInterval())
            : DEFAULT_HEARTBEAT_GRACE;
    return Duration.between(i.lastHeartbeat(), now).compareTo(grace) > 0;
  }

  private static String where(Instance i) {
    List<String> parts = new ArrayList<>();
    if (i.getPod() != null) {
      parts.add("pod " + i.getPod() + (i.getNamespace() == null ? "" : " in " + i.getNamespace()));
    }
    if (i.getNode() != null) {
      parts.add("node " + i.getNode());
    }
    if (parts.isEmpty() && i.getHostname() != null) {
      parts.add("host " + i.getHostname());
    }
    if (i.getImage() != null) {
      parts.add(i.getImage());
    }
    return parts.isEmpty() ? "—" : String.join(" · ", parts);
  }

  private void distributions(
      HtmlWriter h,
      ModelReport report,
      ReferenceProfile reference,
      List<ReportIndex.Entry> reports) {
    h.open("section", "class", "panel", "id", Links.DISTRIBUTIONS)
        .element("h2", "Current vs reference distributions");
    if (report == null) {
      h.element(
              "p",
              "No report yet: the distributions are drawn from the latest window report.",
              "class",
              "empty")
          .close("section")
          .newline();
      return;
    }
    h.open("p", "class", "muted")
        .text(
            "Window "
                + UiTimes.at(report.getWindowStart(), settings.zone())
                + " → "
                + UiTimes.at(report.getWindowEnd(), settings.zone())
                + " of the latest report");
    String html = Links.newestWithHtml(reports).map(Links::reportHtml).orElse(null);
    if (html != null) {
      h.text(" (").element("a", "open it", "href", html).text(")");
    }
    h.text(
        reference == null
            ? ", without a reference profile."
            : ", against the reference " + reference.getSource() + ".");
    h.close("p");
    List<FeatureReport> features = new ArrayList<>();
    if (report.getPrediction() != null) {
      features.add(report.getPrediction());
    }
    features.addAll(DriftRanking.sorted(report.getFeatures()));
    List<FeatureReport> drifted =
        features.stream().filter(f -> f.getDrift() != null && f.getDrift().getDrifted()).toList();
    if (!drifted.isEmpty()) {
      h.open("p").text("Drifted: ");
      for (int i = 0; i < drifted.size(); i++) {
        if (i > 0) {
          h.text(", ");
        }
        h.element(
            "a",
            drifted.get(i).getName(),
            "href",
            "#" + Links.featureAnchor(drifted.get(i).getName()));
      }
      h.close("p");
    }
    h.open("div", "class", "grid");
    for (int i = 0; i < Math.min(MAX_FEATURE_CHARTS, features.size()); i++) {
      FeatureReport f = features.get(i);
      boolean prediction = f == report.getPrediction();
      FeatureProfile ref =
          reference == null
              ? null
              : prediction ? reference.getPrediction() : referenceOf(reference, f.getName());
      featureCard(h, f, ref, prediction, true);
    }
    h.close("div");
    if (features.size() > MAX_FEATURE_CHARTS) {
      h.element(
          "p",
          (features.size() - MAX_FEATURE_CHARTS) + " more features are in the report only.",
          "class",
          "muted");
    }
    h.close("section").newline();
  }

  /** A feature's current vs reference distribution, with the id alerts link to. */
  static void featureCard(
      HtmlWriter h, FeatureReport f, FeatureProfile ref, boolean prediction, boolean withId) {
    DriftResult d = f.getDrift();
    FeatureProfile cur = f.getCurrent();
    h.open(
        "article",
        "class",
        "feature",
        "id",
        withId ? Links.featureAnchor(f.getName()) : null,
        "data-feature",
        f.getName());
    h.open("header").open("h3").text(f.getName());
    String type = cur.getType().name().toLowerCase(Locale.ROOT);
    h.element("span", prediction ? "model output, " + type : type, "class", "tag");
    h.close("h3");
    if (d == null) {
      h.element("span", "not compared", "class", "pill na");
    } else {
      h.element(
          "span",
          d.getDrifted() ? "drifted" : "no drift",
          "class",
          "pill " + (d.getDrifted() ? "yes" : "no"));
    }
    h.close("header");
    Distribution dist = Distribution.of(cur, ref);
    String title =
        d == null
            ? "share of values per bin"
            : ReportHtmlRenderer.methodName(d.getMethod())
                + " "
                + (DriftRanking.isPValue(d.getMethod())
                    ? Numbers.pValue(d.getScore())
                    : Numbers.format(d.getScore()))
                + " (threshold "
                + Numbers.format(d.getThreshold())
                + ")";
    h.raw(GroupedBarChart.of(dist).title(title).size(530, 230).toSvg());
    List<String> facts = new ArrayList<>();
    facts.add(Numbers.count(cur.getCount()) + " values");
    facts.add("missing " + Numbers.percent(f.getMissingRate()));
    if (d != null && d.getPsi() != null) {
      facts.add("PSI " + Numbers.format(d.getPsi()));
    }
    if (!f.getUnseenCategories().isEmpty()) {
      facts.add("unseen: " + String.join(", ", f.getUnseenCategories()));
    }
    h.element("div", String.join(" · ", facts), "class", "facts");
    if (dist.note() != null) {
      h.element("div", "Note: " + dist.note() + ".", "class", "note");
    }
    h.close("article");
  }

  static FeatureProfile referenceOf(ReferenceProfile reference, String name) {
    for (FeatureProfile p : reference.getFeatures()) {
      if (p.getName().equals(name)) {
        return p;
      }
    }
    return null;
  }

  private void reports(HtmlWriter h, String modelId, List<ReportIndex.Entry> reports) {
    h.open("section", "class", "panel", "id", Links.REPORTS);
    h.open("h2").text("Reports");
    if (reports.size() > MAX_REPORTS) {
      h.element("a", "all " + reports.size(), "href", Links.reports(modelId), "class", "more");
    }
    h.close("h2");
    if (reports.isEmpty()) {
      h.element(
          "p", "No reports yet: one is written when each report window closes.", "class", "empty");
    } else {
      ReportsPage.table(
          h, reports.subList(0, Math.min(MAX_REPORTS, reports.size())), settings.zone());
    }
    h.close("section").newline();
  }
}
