package dev.modelmonitor.alerts;

import dev.modelmonitor.alerts.rules.Rule;
import dev.modelmonitor.alerts.rules.Template;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertContext;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.streams.Durations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link Alert} records of episode transitions: texts from the rule's templates, labels, link. */
final class AlertFactory {
  private final String uiBaseUrl;

  AlertFactory(String uiBaseUrl) {
    this.uiBaseUrl = uiBaseUrl;
  }

  /** The alert's labels: the rule's, plus {@code model} and {@code severity}. */
  static Map<String, String> labels(Rule rule, String modelId) {
    Map<String, String> labels = new HashMap<>(rule.labels());
    labels.put("model", modelId);
    labels.put("severity", rule.severity().label());
    return labels;
  }

  String summary(Rule rule, ModelState m, Observation o, AlertStatus status) {
    return Template.render(rule.summaryTemplate(), name -> placeholder(name, rule, m, o, status));
  }

  Alert alert(
      Rule rule,
      ModelState m,
      Episode episode,
      Observation o,
      AlertStatus status,
      List<AlertContext> evidence,
      Long endsAt,
      long wall) {
    String description =
        rule.description() == null
            ? null
            : Template.render(rule.description(), name -> placeholder(name, rule, m, o, status));
    return Alert.newBuilder()
        .setAlertId(episode.alertId)
        .setRuleId(rule.id())
        .setModelId(m.modelId)
        .setModelVersion(m.version)
        .setSeverity(rule.severity().label())
        .setStatus(status)
        .setMetric(rule.metric().name())
        .setOp(rule.op().symbol())
        .setValue(o.present() && o.text() == null ? o.value() : null)
        .setValueText(o.text())
        .setThreshold(rule.threshold())
        .setStartsAt(Instant.ofEpochMilli(episode.firedAt))
        .setEndsAt(endsAt == null ? null : Instant.ofEpochMilli(endsAt))
        .setEmittedAt(Instant.ofEpochMilli(wall))
        .setSummary(summary(rule, m, o, status))
        .setDescription(description)
        .setLabels(labels(rule, m.modelId))
        .setContext(new ArrayList<>(evidence))
        .setUrl(url(episode.alertId))
        .build();
  }

  /** RESOLVED for an episode whose rule is gone (deleted, disabled, no longer for this model). */
  Alert orphanResolved(ModelState m, Episode episode, String why, long endsAt, long wall) {
    return Alert.newBuilder()
        .setAlertId(episode.alertId)
        .setRuleId(episode.ruleId)
        .setModelId(m.modelId)
        .setModelVersion(m.version)
        .setSeverity(episode.severity == null ? "warning" : episode.severity)
        .setStatus(AlertStatus.RESOLVED)
        .setMetric(episode.metric == null ? "" : episode.metric)
        .setOp(episode.op == null ? ">" : episode.op)
        .setValue(null)
        .setThreshold(episode.threshold)
        .setStartsAt(Instant.ofEpochMilli(episode.firedAt))
        .setEndsAt(Instant.ofEpochMilli(endsAt))
        .setEmittedAt(Instant.ofEpochMilli(wall))
        .setSummary(episode.summary == null ? episode.ruleId : episode.summary)
        .setDescription(why)
        .setLabels(new HashMap<>(episode.labels))
        .setContext(new ArrayList<>())
        .setUrl(url(episode.alertId))
        .build();
  }

  private String url(String alertId) {
    return uiBaseUrl.isEmpty() ? null : uiBaseUrl + "/alerts/" + alertId;
  }

  private static String placeholder(String name, Rule rule, ModelState m, Observation o, AlertStatus status) {
    if (name.startsWith(Template.LABEL_PREFIX)) {
      return labels(rule, m.modelId).get(name.substring(Template.LABEL_PREFIX.length()));
    }
    return switch (name) {
      case "model" -> m.modelId;
      case "version" -> m.version == null ? "unknown" : m.version;
      case "rule" -> rule.id();
      case "metric" -> rule.metric().name();
      case "value" -> o.display();
      case "threshold" -> rule.threshold() == null ? "" : Numbers.format(rule.threshold());
      case "values" -> String.join(", ", rule.values());
      case "op" -> rule.op().symbol();
      case "window" -> Durations.format(rule.window());
      case "for" -> Durations.format(rule.forDuration());
      case "severity" -> rule.severity().label();
      case "status" -> status.name().toLowerCase(java.util.Locale.ROOT);
      default -> null;
    };
  }
}
