package dev.modelmonitor.ui;

import dev.modelmonitor.report.HtmlWriter;
import dev.modelmonitor.report.ReportStyle;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The frame every UI page shares: head with the inline stylesheet (the reports' look plus the UI's
 * navigation), optional self-reload, the top bar and the footer. No scripts and no external
 * resources, so the UI works offline and under a strict Content-Security-Policy.
 */
final class Page {
  /** The Content-Security-Policy the UI's pages are served with: nothing but inline styles. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none';"
          + " form-action 'self'";

  /** The top bar's sections. */
  enum Section {
    MODELS,
    ALERTS,
    REPORTS,
    NONE
  }

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  private Page() {}

  /**
   * A whole page.
   *
   * @param title the document title
   * @param section the top bar entry to highlight
   * @param firing alerts firing now, shown in the top bar
   */
  static String render(
      String title,
      Section section,
      UiSettings settings,
      Instant now,
      int firing,
      Consumer<HtmlWriter> body) {
    HtmlWriter h = new HtmlWriter();
    h.raw("<!DOCTYPE html>").newline();
    h.open("html", "lang", "en").open("head");
    h.empty("meta", "charset", "utf-8");
    h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    if (!settings.refresh().isZero()) {
      h.empty(
          "meta",
          "http-equiv",
          "refresh",
          "content",
          Long.toString(Math.max(1, settings.refresh().toSeconds())));
    }
    h.element("title", title + " · model-monitor");
    h.open("style").raw(ReportStyle.CSS).raw(UiStyle.CSS).close("style");
    h.close("head").newline();
    h.open("body");
    h.open("nav", "class", "topbar", "aria-label", "main").open("div", "class", "inner");
    h.element("a", "model-monitor", "href", Links.overview(), "class", "brand");
    tab(h, "Models", Links.overview(), section == Section.MODELS);
    h.open("a", "href", Links.alerts(), "class", section == Section.ALERTS ? "active" : null)
        .text("Alerts");
    if (firing > 0) {
      h.element("span", Integer.toString(firing), "class", "count", "title", firing + " firing");
    }
    h.close("a");
    tab(h, "Reports", Links.reports(), section == Section.REPORTS);
    String zone = settings.zone().getId().equals("Z") ? "UTC" : settings.zone().getId();
    String stamp =
        "Updated "
            + CLOCK.format(now.atZone(settings.zone()))
            + " "
            + zone
            + (settings.refresh().isZero()
                ? ""
                : " · reloads every " + UiTimes.span(settings.refresh()));
    h.element("span", stamp, "class", "stamp");
    h.close("div").close("nav").newline();
    h.open("main");
    body.accept(h);
    h.open("footer")
        .text("model-monitor · server-rendered, no scripts, works offline")
        .close("footer");
    h.close("main").close("body").close("html").newline();
    return h.toString();
  }

  private static void tab(HtmlWriter h, String text, String href, boolean active) {
    h.element("a", text, "href", href, "class", active ? "active" : null);
  }

  /** The page header: a small line above, the title, and a line of facts below. */
  static void header(HtmlWriter h, String eyebrow, String title, String meta) {
    h.open("header");
    h.element("div", eyebrow, "class", "eyebrow");
    h.element("h1", title);
    if (meta != null) {
      h.element("div", meta, "class", "meta");
    }
    h.close("header").newline();
  }

  /** A headline number. */
  static void card(HtmlWriter h, String label, String value, String sub) {
    h.open("div", "class", "card");
    h.element("div", label, "class", "label").element("div", value, "class", "value");
    if (sub != null) {
      h.element("div", sub, "class", "sub");
    }
    h.close("div");
  }

  /** A header cell row for a table: pairs of label and CSS class (empty for none). */
  static void headerRow(HtmlWriter h, String... labelsAndClasses) {
    h.open("thead").open("tr");
    for (int i = 0; i < labelsAndClasses.length; i += 2) {
      String css = labelsAndClasses[i + 1];
      h.element("th", labelsAndClasses[i], "scope", "col", "class", css.isEmpty() ? null : css);
    }
    h.close("tr").close("thead");
  }
}
