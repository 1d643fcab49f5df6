package dev.modelmonitor.notifier.channel;

import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertContext;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/** The words every human-facing channel uses for an alert, so they all read the same. */
final class AlertText {
  private AlertText() {}

  /**
   * {@code [FIRING] critical fraud-model: <summary>}; a summary that already starts with the model
   * (as the shipped rules' {@code "{{model}}: …"} do, for receivers that show only the summary)
   * is not prefixed twice.
   */
  static String headline(Alert alert) {
    String prefix = alert.getModelId() + ": ";
    String summary = alert.getSummary();
    return "[" + alert.getStatus() + "] " + alert.getSeverity() + " "
        + (summary.startsWith(prefix) ? summary : prefix + summary);
  }

  /** {@code [FIRING] fraud-model: 3 alerts} for a group, the headline for one alert. */
  static String headline(Notification n) {
    if (!n.isGroup()) {
      return headline(n.alerts().get(0)) + repeatSuffix(n);
    }
    return "[" + n.status() + "] " + n.modelId() + ": " + n.alerts().size() + " alerts"
        + repeatSuffix(n);
  }

  private static String repeatSuffix(Notification n) {
    return n.repeat() > 0 ? " (still firing)" : "";
  }

  /** The model with its version when known: {@code fraud-model v3}. */
  static String model(Alert alert) {
    return alert.getModelVersion() == null
        ? alert.getModelId()
        : alert.getModelId() + " v" + alert.getModelVersion();
  }

  /** What was observed against what the rule allows: {@code error_rate 0.12 > 0.05}. */
  static String valueVsThreshold(Alert alert) {
    String value =
        alert.getValue() != null
            ? number(alert.getValue())
            : alert.getValueText() != null ? alert.getValueText() : "n/a";
    if (alert.getThreshold() == null) {
      return alert.getMetric() + " = " + value;
    }
    return alert.getMetric() + " " + value + " " + alert.getOp() + " " + number(alert.getThreshold());
  }

  /** The first {@code limit} evidence lines: {@code amount: 0.42 (reference 12, current 30.5)}. */
  static List<String> contextLines(Alert alert, int limit) {
    List<String> lines = new ArrayList<>();
    for (AlertContext c : alert.getContext()) {
      if (lines.size() == limit) {
        break;
      }
      lines.add(contextLine(c));
    }
    return lines;
  }

  static String contextLine(AlertContext c) {
    StringBuilder line = new StringBuilder(c.getName());
    if (c.getScore() != null) {
      line.append(": ").append(number(c.getScore()));
    }
    List<String> parts = new ArrayList<>();
    if (c.getReference() != null) {
      parts.add("reference " + c.getReference());
    }
    if (c.getCurrent() != null) {
      parts.add("current " + c.getCurrent());
    }
    if (c.getDetail() != null) {
      parts.add(c.getDetail());
    }
    if (!parts.isEmpty()) {
      line.append(" (").append(String.join(", ", parts)).append(')');
    }
    return line.toString();
  }

  /** Four significant digits, plain notation for everyday magnitudes. */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    double abs = Math.abs(v);
    if (abs != 0 && (abs >= 1e9 || abs < 1e-4)) {
      return String.format(java.util.Locale.ROOT, "%.3e", v);
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
