package dev.modelmonitor.ui;

import dev.modelmonitor.report.HtmlWriter;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/** {@code /alerts} (optionally {@code ?model=}): alerts firing now, then the resolved ones. */
final class AlertsPage {
  /** Firing first, worst severity first, then the most recent. */
  static final Comparator<Alert> ORDER =
      Comparator.comparing((Alert a) -> a.getStatus() == AlertStatus.FIRING ? 0 : 1)
          .thenComparing(a -> -severityRank(a.getSeverity()))
          .thenComparing(Alert::getEmittedAt, Comparator.reverseOrder())
          .thenComparing(Alert::getAlertId);

  private final UiData data;
  private final UiSettings settings;

  AlertsPage(UiData data, UiSettings settings) {
    this.data = data;
    this.settings = settings;
  }

  /**
   * @param modelId only this model's alerts, or null for all
   */
  String render(String modelId, Instant now) {
    List<Alert> all = data.alerts();
    List<Alert> shown =
        all.stream()
            .filter(a -> modelId == null || a.getModelId().equals(modelId))
            .sorted(ORDER)
            .toList();
    List<Alert> firing = firing(shown);
    List<Alert> resolved =
        shown.stream().filter(a -> a.getStatus() == AlertStatus.RESOLVED).toList();
    return Page.render(
        modelId == null ? "Alerts" : "Alerts of " + modelId,
        Page.Section.ALERTS,
        settings,
        now,
        firing(all).size(),
        h -> {
          Page.header(
              h,
              modelId == null ? "model-monitor" : "model " + modelId,
              "Alerts",
              firing.size() + " firing · " + resolved.size() + " resolved");
          if (modelId != null) {
            h.open("p")
                .element("a", "Model page of " + modelId, "href", Links.model(modelId))
                .text(" · ")
                .element("a", "all alerts", "href", Links.alerts())
                .close("p");
          }
          h.open("section", "class", "panel", "id", "firing").element("h2", "Firing");
          if (firing.isEmpty()) {
            h.element("p", "Nothing is firing.", "class", "empty");
          } else {
            table(h, firing, now, settings.zone(), modelId == null);
          }
          h.close("section").newline();
          h.open("section", "class", "panel", "id", "resolved").element("h2", "Resolved");
          if (resolved.isEmpty()) {
            h.element("p", "No resolved alerts.", "class", "empty");
          } else {
            table(h, resolved, now, settings.zone(), modelId == null);
          }
          h.close("section").newline();
        });
  }

  /** The firing alerts of {@code alerts}, in {@link #ORDER}. */
  static List<Alert> firing(List<Alert> alerts) {
    return alerts.stream().filter(a -> a.getStatus() == AlertStatus.FIRING).sorted(ORDER).toList();
  }

  /** 3 for critical, 2 for warning, 1 for anything else. */
  static int severityRank(String severity) {
    return switch (Badges.severityClass(severity)) {
      case "critical" -> 3;
      case "warning" -> 2;
      default -> 1;
    };
  }

  /**
   * A table of alerts, one row each, linking to the alert and its model.
   *
   * @param withModel whether to show the model column (not on a model's own page)
   */
  static void table(HtmlWriter h, List<Alert> alerts, Instant now, ZoneId zone, boolean withModel) {
    h.open("div", "class", "scroll").open("table", "class", "alerts");
    if (withModel) {
      Page.headerRow(
          h,
          "Status",
          "",
          "Severity",
          "",
          "Model",
          "",
          "Summary",
          "",
          "Started",
          "",
          "Duration",
          "num");
    } else {
      Page.headerRow(
          h, "Status", "", "Severity", "", "Summary", "", "Started", "", "Duration", "num");
    }
    h.open("tbody");
    for (Alert a : alerts) {
      h.open("tr", "data-alert", a.getAlertId());
      h.open("td");
      Badges.status(h, a, true);
      h.close("td");
      h.open("td");
      Badges.severity(h, a.getSeverity());
      h.close("td");
      if (withModel) {
        h.open("td").element("a", a.getModelId(), "href", Links.model(a.getModelId())).close("td");
      }
      h.open("td").element("a", a.getSummary(), "href", Links.alert(a.getAlertId()));
      h.element("span", a.getRuleId() + " · " + a.getMetric(), "class", "sub");
      h.close("td");
      h.element(
          "td", UiTimes.at(a.getStartsAt(), zone), "title", UiTimes.ago(a.getStartsAt(), now));
      Instant end = a.getEndsAt() == null ? now : a.getEndsAt();
      h.element(
          "td",
          UiTimes.span(Duration.between(a.getStartsAt(), end).abs())
              + (a.getEndsAt() == null ? " so far" : ""),
          "class",
          "num");
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
  }
}
