package dev.modelmonitor.ui;

import dev.modelmonitor.report.HtmlWriter;
import dev.modelmonitor.report.ReportIndex;
import dev.modelmonitor.report.ReportTable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    ReportTable.write(h, entries, zone, ReportTable.Style.UI, Links::reportFile);
  }
}
