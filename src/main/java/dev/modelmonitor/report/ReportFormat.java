package dev.modelmonitor.report;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The file formats a report is exported in. */
public enum ReportFormat {
  /** One self-contained page ({@link ReportHtmlRenderer}). */
  HTML("html"),
  /** The JSON document of {@link ReportJsonRenderer}. */
  JSON("json");

  private final String extension;

  ReportFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  /** Parses {@code html}, {@code json} or a comma-separated list such as {@code html,json}. */
  public static Set<ReportFormat> parse(String text) {
    Set<ReportFormat> formats = EnumSet.noneOf(ReportFormat.class);
    for (String part : text.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      try {
        formats.add(valueOf(p.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "report format must be html, json or html,json but was '" + part.trim() + "'");
      }
    }
    if (formats.isEmpty()) {
      throw new IllegalArgumentException(
          "report format must be html, json or html,json but was empty");
    }
    return formats;
  }
}
