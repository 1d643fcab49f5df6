package dev.modelmonitor.report;

import dev.modelmonitor.ui.chart.Numbers;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The table of exported reports, one row per window in the order given: window start (linking
 * to its HTML file), length, status, headline, events, error rate and links to every file. The
 * one source of the export directory's {@code index.html} and of the UI's report lists, which
 * differ only in where the files are served from and in the markup their stylesheets want.
 */
public final class ReportTable {
  /** The stylesheet the table is drawn for. */
  public enum Style {
    /**
     * {@code index.html} with the reports' stylesheet: fixed column widths and an inline badge
     * size, as that stylesheet styles full-size badges only.
     */
    INDEX,
    /** The UI's pages: its stylesheet sizes the columns and small badges; statuses as data. */
    UI
  }

  private record Column(String label, String css, String width) {}

  private static final List<Column> COLUMNS =
      List.of(
          new Column("Window start", "", "190px"),
          new Column("Length", "", "80px"),
          new Column("Status", "", "150px"),
          new Column("Summary", "", null),
          new Column("Events", "num", "90px"),
          new Column("Error rate", "num", "100px"),
          new Column("Files", "", "120px"));

  private ReportTable() {}

  /**
   * Writes the table of {@code entries}.
   *
   * @param zone the zone of the window times
   * @param fileHref the link to a file from its path relative to the export directory
   */
  public static void write(HtmlWriter h, List<ReportIndex.Entry> entries, ZoneId zone,
      Style style, UnaryOperator<String> fileHref) {
    h.open("div", "class", "scroll").open("table", "class", "index").open("thead").open("tr");
    for (Column c : COLUMNS) {
      String css = c.css().isEmpty() ? null : c.css();
      if (style == Style.INDEX) {
        h.element("th", c.label(), "class", css, "scope", "col", "style",
            c.width() == null ? null : "width:" + c.width());
      } else {
        h.element("th", c.label(), "scope", "col", "class", css);
      }
    }
    h.close("tr").close("thead").open("tbody");
    for (ReportIndex.Entry e : entries) {
      row(h, e, zone, style, fileHref);
    }
    h.close("tbody").close("table").close("div");
  }

  private static void row(HtmlWriter h, ReportIndex.Entry e, ZoneId zone, Style style,
      UnaryOperator<String> fileHref) {
    h.open("tr", "data-window", e.windowStart().toString());
    String html = e.files().get(ReportFormat.HTML.extension());
    h.open("td");
    if (html != null) {
      h.element("a", ReportTimes.format(e.windowStart(), zone), "href", fileHref.apply(html));
    } else {
      h.text(ReportTimes.format(e.windowStart(), zone));
    }
    h.close("td");
    h.element("td", ReportTimes.length(e.windowStart(), e.windowEnd()));
    h.open("td");
    if (style == Style.INDEX) {
      h.element("span", e.status().label(), "class", "badge " + e.status().cssClass(),
          "style", "font-size:11px;padding:2px 9px");
    } else {
      h.element("span", e.status().label(), "class", "badge small " + e.status().cssClass(),
          "data-status", e.status().name());
    }
    h.close("td");
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
      h.element("a", f.getKey().toUpperCase(Locale.ROOT), "href", fileHref.apply(f.getValue()));
      first = false;
    }
    h.close("td").close("tr");
  }
}
