package dev.modelmonitor.notifier.config;

import dev.modelmonitor.schema.Alert;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A route as in Alertmanager: an alert matches when every {@code match} key has exactly its value
 * and every {@code match_re} key fully matches its pattern. Keys {@code model}, {@code severity},
 * {@code rule}, {@code metric} and {@code status} read the alert's fields; any other key reads
 * the alert's labels (a missing label reads as the empty string).
 *
 * @param continueMatching whether later routes are still tried after this one matched
 */
public record RouteConfig(
    Map<String, String> match,
    Map<String, Pattern> matchRe,
    List<String> receivers,
    boolean continueMatching) {

  /** Whether {@code alert} matches this route. */
  public boolean matches(Alert alert) {
    for (Map.Entry<String, String> entry : match.entrySet()) {
      if (!entry.getValue().equals(field(alert, entry.getKey()))) {
        return false;
      }
    }
    for (Map.Entry<String, Pattern> entry : matchRe.entrySet()) {
      if (!entry.getValue().matcher(field(alert, entry.getKey())).matches()) {
        return false;
      }
    }
    return true;
  }

  static String field(Alert alert, String key) {
    return switch (key) {
      case "model" -> alert.getModelId();
      case "severity" -> alert.getSeverity();
      case "rule" -> alert.getRuleId();
      case "metric" -> alert.getMetric();
      case "status" -> alert.getStatus().name();
      default -> alert.getLabels().getOrDefault(key, "");
    };
  }
}
