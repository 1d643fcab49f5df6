package dev.modelmonitor.ui;

import dev.modelmonitor.report.ReportFormat;
import dev.modelmonitor.report.ReportHtmlRenderer;
import dev.modelmonitor.report.ReportIndex;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The UI's URLs and the element ids they point at. Model ids and alert ids are user data: they are
 * percent-encoded into paths, so any id makes a working link.
 */
final class Links {
  /** Sections of the model page, by element id. */
  static final String THROUGHPUT = "throughput";

  static final String ERRORS = "errors";
  static final String LATENCY = "latency";
  static final String DRIFT = "drift";
  static final String INSTANCES = "instances";
  static final String DISTRIBUTIONS = "distributions";
  static final String REPORTS = "reports";
  static final String ALERTS = "alerts";

  /** Sections of a report file (see {@link ReportHtmlRenderer}). */
  static final String REPORT_TRAFFIC = "traffic";

  static final String REPORT_FINDINGS = "findings";

  private Links() {}

  static String overview() {
    return "/";
  }

  static String model(String modelId) {
    return "/models/" + segment(modelId);
  }

  static String model(String modelId, String section) {
    return model(modelId) + "#" + section;
  }

  /** The model page's distribution chart of {@code feature}. */
  static String feature(String modelId, String feature) {
    return model(modelId, featureAnchor(feature));
  }

  /** The element id of a feature's distribution card, the same on the model page and in reports. */
  static String featureAnchor(String feature) {
    return ReportHtmlRenderer.anchor(feature);
  }

  /** The element id of an instance's row on the model page. */
  static String instanceAnchor(String instanceId) {
    StringBuilder s = new StringBuilder("i-");
    for (char c : instanceId.toCharArray()) {
      s.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
    }
    return s.append('-').append(Integer.toHexString(instanceId.hashCode())).toString();
  }

  static String alerts() {
    return "/alerts";
  }

  static String alerts(String modelId) {
    return "/alerts?model=" + URLEncoder.encode(modelId, StandardCharsets.UTF_8);
  }

  static String alert(String alertId) {
    return "/alerts/" + segment(alertId);
  }

  static String reports() {
    return "/reports";
  }

  static String reports(String modelId) {
    return "/reports?model=" + URLEncoder.encode(modelId, StandardCharsets.UTF_8);
  }

  /**
   * A report file, from its path relative to the reports directory ({@code <model>/<window>.html},
   * whose names {@code ReportFiles} made URL-safe).
   */
  static String reportFile(String relativePath) {
    StringBuilder out = new StringBuilder("/reports");
    for (String part : relativePath.split("/")) {
      out.append('/').append(segment(part));
    }
    return out.toString();
  }

  /** The HTML file of a report entry, as a UI link, or null if it has none. */
  static String reportHtml(ReportIndex.Entry entry) {
    String html = entry.files().get(ReportFormat.HTML.extension());
    return html == null ? null : reportFile(html);
  }

  /** The newest report that has an HTML file. */
  static Optional<ReportIndex.Entry> newestWithHtml(List<ReportIndex.Entry> entries) {
    return entries.stream()
        .filter(e -> e.files().containsKey(ReportFormat.HTML.extension()))
        .max(Comparator.comparing(ReportIndex.Entry::windowStart));
  }

  /**
   * {@code text} percent-encoded as one path segment: everything but {@code A-Z a-z 0-9 - . _ ~}.
   */
  static String segment(String text) {
    if (text.equals(".") || text.equals("..")) {
      return text.replace(".", "%2E"); // browsers would resolve a bare dot segment away
    }
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
