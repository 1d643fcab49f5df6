package dev.modelmonitor.ui;

import dev.modelmonitor.report.HtmlWriter;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.ui.chart.Numbers;
import dev.modelmonitor.ui.chart.Palette;
import dev.modelmonitor.ui.chart.Sparkline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /}: every model in one table (instance states, throughput, error rate, latency, drift and
 * open alerts, with trends over the lookback), and the alerts firing now.
 */
final class OverviewPage {
  private final UiData data;
  private final UiSettings settings;

  OverviewPage(UiData data, UiSettings settings) {
    this.data = data;
    this.settings = settings;
  }

  String render(Instant now) {
    List<Alert> firing = AlertsPage.firing(data.alerts());
    List<ModelSummary> models = new ArrayList<>(data.models());
    models.sort(
        Comparator.comparingInt((ModelSummary m) -> -worstOpen(firing, m.modelId()))
            .thenComparing(ModelSummary::modelId));
    return Page.render(
        "Models",
        Page.Section.MODELS,
        settings,
        now,
        firing.size(),
        h -> {
          long critical =
              firing.stream()
                  .filter(a -> Badges.severityClass(a.getSeverity()).equals("critical"))
                  .count();
          Page.header(
              h,
              "model-monitor",
              "Models",
              models.size()
                  + (models.size() == 1 ? " model" : " models")
                  + " · "
                  + firing.size()
                  + " firing "
                  + (firing.size() == 1 ? "alert" : "alerts")
                  + " · numbers over the last "
                  + UiTimes.span(settings.recent())
                  + ", trends over the last "
                  + UiTimes.span(settings.lookback()));
          List<Row> rows = new ArrayList<>();
          double totalPerMinute = 0;
          int instances = 0;
          int ready = 0;
          for (ModelSummary m : models) {
            List<MinutePoint> points = data.series(m.modelId(), settings.lookback()).points();
            Row row = new Row(m, points, RecentNumbers.of(points, now, settings.recent()));
            rows.add(row);
            totalPerMinute += row.recent.perMinute();
            for (InstanceStatus i : m.instances()) {
              instances++;
              ready += i.state() == LifecycleState.READY ? 1 : 0;
            }
          }
          h.open("section", "class", "cards", "aria-label", "headline numbers");
          Page.card(
              h,
              "Models",
              Integer.toString(models.size()),
              instances + " instances, " + ready + " ready");
          Page.card(h, "Predictions / min", Numbers.format(totalPerMinute), "all models");
          Page.card(h, "Firing alerts", Integer.toString(firing.size()), critical + " critical");
          h.close("section").newline();
          modelsTable(h, rows, firing, now);
          firingAlerts(h, firing, now);
        });
  }

  private record Row(ModelSummary model, List<MinutePoint> points, RecentNumbers recent) {}

  private void modelsTable(HtmlWriter h, List<Row> rows, List<Alert> firing, Instant now) {
    h.open("section", "class", "panel", "id", "models").element("h2", "Models");
    if (rows.isEmpty()) {
      h.element(
              "p",
              "No models yet. A model appears here when its first prediction or state event"
                  + " arrives.",
              "class",
              "empty")
          .close("section")
          .newline();
      return;
    }
    h.open("div", "class", "scroll").open("table", "class", "models");
    Page.headerRow(
        h,
        "Model",
        "",
        "Instances",
        "",
        "Last seen",
        "",
        "Predictions / min",
        "num",
        "Error rate",
        "num",
        "p99 latency",
        "num",
        "Drift share",
        "num",
        "Open alerts",
        "num");
    h.open("tbody");
    for (Row r : rows) {
      String id = r.model.modelId();
      MinuteGrid grid = new MinuteGrid(r.points, now, settings.lookback());
      h.open("tr", "data-model", id);
      h.open("td", "class", "name").element("a", id, "href", Links.model(id));
      if (!r.model.versions().isEmpty()) {
        h.element("span", "version " + String.join(", ", r.model.versions()), "class", "sub");
      }
      h.close("td");
      h.open("td");
      instanceStates(h, r.model.instances());
      h.close("td");
      h.element(
          "td",
          UiTimes.ago(r.model.lastSeen(), now),
          "title",
          r.model.lastSeen() == null ? null : UiTimes.at(r.model.lastSeen(), settings.zone()));
      h.open("td", "class", "num")
          .element("span", Numbers.format(r.recent.perMinute()), "class", "v");
      h.open("span", "class", "spark")
          .raw(
              Sparkline.of(grid.values(p -> p.events(), 0))
                  .label(id + " predictions per minute")
                  .size(110, 24)
                  .toSvg())
          .close("span");
      h.close("td");
      h.open("td", "class", "num")
          .element(
              "span",
              r.recent.errorRate() == null ? "—" : Numbers.percent(r.recent.errorRate()),
              "class",
              "v");
      h.open("span", "class", "spark")
          .raw(
              Sparkline.of(grid.values(MinutePoint::errorRate, Double.NaN))
                  .label(id + " error rate")
                  .colour(Palette.FLAGGED)
                  .valueFormat(Numbers::percent)
                  .size(110, 24)
                  .toSvg())
          .close("span");
      h.close("td");
      h.element(
          "td",
          r.recent.latencyP99Ms() == null ? "—" : Numbers.format(r.recent.latencyP99Ms()) + " ms",
          "class",
          "num");
      h.element(
          "td",
          r.recent.driftShare() == null ? "—" : Numbers.percent(r.recent.driftShare()),
          "class",
          "num");
      long open = firing.stream().filter(a -> a.getModelId().equals(id)).count();
      h.open("td", "class", "num");
      if (open == 0) {
        h.text("0");
      } else {
        h.open("a", "href", Links.alerts(id), "class", "pill sev-" + worstSeverity(firing, id))
            .text(open + " firing")
            .close("a");
      }
      h.close("td").close("tr");
    }
    h.close("tbody").close("table").close("div").close("section").newline();
  }

  /** One pill per lifecycle state with its instance count, worst state first. */
  static void instanceStates(HtmlWriter h, List<InstanceStatus> instances) {
    if (instances.isEmpty()) {
      h.element("span", "none reported", "class", "muted");
      return;
    }
    Map<LifecycleState, Integer> counts = new EnumMap<>(LifecycleState.class);
    int unknown = 0;
    for (InstanceStatus i : instances) {
      if (i.state() == null) {
        unknown++;
      } else {
        counts.merge(i.state(), 1, Integer::sum);
      }
    }
    h.open("span", "class", "pills");
    for (LifecycleState s :
        List.of(
            LifecycleState.FAILED,
            LifecycleState.DEGRADED,
            LifecycleState.STARTING,
            LifecycleState.LOADING,
            LifecycleState.READY,
            LifecycleState.STOPPED)) {
      Integer n = counts.get(s);
      if (n != null) {
        Badges.state(h, s, " " + n);
      }
    }
    if (unknown > 0) {
      Badges.state(h, null, " " + unknown);
    }
    h.close("span");
  }

  private void firingAlerts(HtmlWriter h, List<Alert> firing, Instant now) {
    h.open("section", "class", "panel", "id", "firing");
    h.open("h2")
        .text("Firing alerts")
        .element("a", "all alerts", "href", Links.alerts(), "class", "more")
        .close("h2");
    if (firing.isEmpty()) {
      h.element("p", "Nothing is firing.", "class", "empty");
    } else {
      AlertsPage.table(h, firing, now, settings.zone(), true);
    }
    h.close("section").newline();
  }

  private static int worstOpen(List<Alert> firing, String modelId) {
    int worst = 0;
    for (Alert a : firing) {
      if (a.getModelId().equals(modelId) && a.getStatus() == AlertStatus.FIRING) {
        worst = Math.max(worst, AlertsPage.severityRank(a.getSeverity()));
      }
    }
    return worst;
  }

  private static String worstSeverity(List<Alert> firing, String modelId) {
    return switch (worstOpen(firing, modelId)) {
      case 3 -> "critical";
      case 2 -> "warning";
      default -> "info";
    };
  }
}
