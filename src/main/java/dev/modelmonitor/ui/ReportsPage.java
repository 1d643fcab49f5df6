package dev.modelmonitor.ui;

import dev.modelmonitor.report.HtmlWriter;
import dev.modelmonitor.report.ReportIndex;
import dev.modelmonitor.report.ReportTimes;
import dev.modelmonitor.ui.chart.Numbers;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code /reports} (optionally {@code ?model=}): every exported report, linking to its files. */
final class ReportsPage {
  private final UiData data;
  private final UiSettings settings;

  ReportsPage(UiData data, UiSettings settings) {
    this.data = data;
    this.settings = settings;
  }

  /**
   * @param modelId only this model's reports, or null for all
   */
  String render(String modelId, Instant now) {
    List<ReportIndex.Entry> entries = new ArrayList<>(data.reports(modelId));
    entries.sort(
        Comparator.comparing(ReportIndex.Entry::modelId)
            .thenComparing(ReportIndex.Entry::windowStart, Comparator.reverseOrder()));
    Map<String, List<ReportIndex.Entry>> byModel = new TreeMap<>();
    for (ReportIndex.Entry e : entries) {
      byModel.computeIfAbsent(e.modelId(), k -> new ArrayList<>()).add(e);
    }
    int firing = AlertsPage.firing(data.alerts()).size();
    return Page.render(
        modelId == null ? "Reports" : "Reports of " + modelId,
        Page.Section.REPORTS,
        settings,
        now,
        firing,
        h -> {
          Page.header(
              h,
              modelId == null ? "model-monitor" : "model " + modelId,
              "Reports",
              entries.size()
                  + (entries.size() == 1 ? " report" : " reports")
                  + " of "
                  + byModel.size()
                  + (byModel.size() == 1 ? " model" : " models")
                  + ", newest window first");
          if (byModel.isEmpty()) {
            h.open("section", "class", "panel")
                .element(
                    "p",
                    "No reports yet: one is written for each model when each report window closes.",
                    "class",
                    "empty")
                .close("section");
          }
          for (Map.Entry<String, List<ReportIndex.Entry>> m : byModel.entrySet()) {
            h.open("section", "class", "panel", "data-model", m.getKey());
            h.open("h2").element("a", m.getKey(), "href", Links.model(m.getKey())).close("h2");
            table(h, m.getValue(), settings.zone());
            h.close("section").newline();
          }
        });
  }

  /** A table of reports, newest first as given, each window linking to its HTML file. */
  static void table(HtmlWriter h, List<ReportIndex.Entry> entries, ZoneId zone) {
    h.open("div", "class", "scroll").open("table", "class", "index");
    Page.headerRow(
        h,
        "Window start",
        "",
        "Length",
        "",
        "Status",
        "",
        "Summary",
        "",
        "Events",
        "num",
        "Error rate",
        "num",
        "Files",
        "");
    h.open("tbody");
    for (ReportIndex.Entry e : entries) {
      h.open("tr", "data-window", e.windowStart().toString());
      String html = Links.reportHtml(e);
      h.open("td");
      if (html != null) {
        h.element("a", UiTimes.at(e.windowStart(), zone), "href", html);
      } else {
        h.text(UiTimes.at(e.windowStart(), zone));
      }
      h.close("td");
      h.element("td", ReportTimes.length(e.windowStart(), e.windowEnd()));
      h.open("td")
          .element(
              "span",
              e.status().label(),
              "class",
              "badge small " + e.status().cssClass(),
              "data-status",
              e.status().name())
          .close("td");
      h.element("td", e.headline());
      h.element("td", Numbers.count(e.events()), "class", "num");
      h.element(
          "td",
          e.events() == 0 ? "—" : Numbers.percent((double) e.errors() / e.events()),
          "class",
          "num");
      h.open("td");
      boolean first = true;
      for (Map.Entry<String, String> f : new TreeMap<>(e.files()).entrySet()) {
        if (!first) {
          h.text(" · ");
        }
        h.element("a", f.getKey().toUpperCase(Locale.ROOT), "href", Links.reportFile(f.getValue()));
        first = false;
      }
      h.close("td").close("tr");
    }
    h.close("tbody").close("table").close("div");
  }
}
