package dev.modelmonitor.ui;

import dev.modelmonitor.report.HtmlWriter;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.schema.LifecycleState;
import java.util.Locale;

/** The coloured words of the UI: alert status and severity, instance state. Never colour alone. */
final class Badges {
  private Badges() {}

  /**
   * The CSS class of a severity: {@code critical}, {@code warning}, or {@code info} for anything
   * else.
   */
  static String severityClass(String severity) {
    String s = severity == null ? "" : severity.toLowerCase(Locale.ROOT);
    return s.equals("critical") || s.equals("warning") ? s : "info";
  }

  /** {@code st-critical}, … for a firing alert, {@code st-resolved} for a resolved one. */
  static String statusClass(Alert alert) {
    return alert.getStatus() == AlertStatus.RESOLVED
        ? "st-resolved"
        : "st-" + severityClass(alert.getSeverity());
  }

  static void status(HtmlWriter h, Alert alert, boolean small) {
    h.element(
        "span",
        alert.getStatus() == AlertStatus.FIRING ? "Firing" : "Resolved",
        "class",
        "badge " + statusClass(alert) + (small ? " small" : ""),
        "data-status",
        alert.getStatus().name());
  }

  static void severity(HtmlWriter h, String severity) {
    h.element("span", severity, "class", "pill sev-" + severityClass(severity));
  }

  static void state(HtmlWriter h, LifecycleState state, String suffix) {
    String name = state == null ? "unknown" : state.name().toLowerCase(Locale.ROOT);
    h.element(
        "span",
        (state == null ? "no state" : state.name()) + (suffix == null ? "" : suffix),
        "class",
        "pill state-" + name,
        "data-state",
        state == null ? "UNKNOWN" : state.name());
  }
}
