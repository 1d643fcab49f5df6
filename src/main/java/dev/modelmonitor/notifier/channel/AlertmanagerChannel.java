package dev.modelmonitor.notifier.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.notifier.config.ChannelSettings;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Posts alerts to Prometheus Alertmanager's API v2 ({@code POST /api/v2/alerts}). Labels:
 * {@code alertname} = rule id, {@code model}, {@code severity} and the alert's labels. Like
 * Prometheus, a firing alert is sent with {@code endsAt} a few repeat intervals ahead and re-sent
 * every repeat interval (so Alertmanager resolves it by itself if the notifier goes away); a
 * resolved alert is sent with the alert's {@code endsAt}.
 */
final class AlertmanagerChannel implements Channel {
  /** Prometheus sends endsAt = now + 4 × its resend interval; so do we. */
  static final int ENDS_AT_INTERVALS = 4;

  private final URI endpoint;
  private final Map<String, String> headers;
  private final HttpPost http;
  private final Duration repeatInterval;
  private final Clock clock;

  AlertmanagerChannel(
      ChannelSettings.Alertmanager settings, HttpPost http, Duration repeatInterval, Clock clock) {
    String base = settings.url().toString().replaceAll("/+$", "");
    this.endpoint = URI.create(base + "/api/v2/alerts");
    this.headers = settings.headers();
    this.http = http;
    this.repeatInterval = repeatInterval;
    this.clock = clock;
  }

  @Override
  public void send(Notification n) throws DeliveryException, InterruptedException {
    ArrayNode body = AlertJson.MAPPER.createArrayNode();
    n.alerts().forEach(a -> body.add(alert(a)));
    http.post(endpoint, body.toString().getBytes(StandardCharsets.UTF_8), headers);
  }

  ObjectNode alert(Alert a) {
    ObjectNode o = AlertJson.MAPPER.createObjectNode();
    ObjectNode labels = o.putObject("labels");
    labels(a).forEach(labels::put);
    ObjectNode annotations = o.putObject("annotations");
    annotations.put("summary", a.getSummary());
    if (a.getDescription() != null) {
      annotations.put("description", a.getDescription());
    }
    annotations.put("value", AlertText.valueVsThreshold(a));
    List<String> context = AlertText.contextLines(a, 5);
    if (!context.isEmpty()) {
      annotations.put("context", String.join("\n", context));
    }
    annotations.put("alert_id", a.getAlertId());
    o.put("startsAt", a.getStartsAt().toString());
    Instant endsAt = endsAt(a);
    if (endsAt != null) {
      o.put("endsAt", endsAt.toString());
    }
    if (a.getUrl() != null) {
      o.put("generatorURL", a.getUrl());
    }
    return o;
  }

  private Instant endsAt(Alert a) {
    if (a.getStatus() == AlertStatus.RESOLVED) {
      return a.getEndsAt() != null ? a.getEndsAt() : a.getEmittedAt();
    }
    if (repeatInterval.isZero()) {
      return null; // Alertmanager then resolves it after its resolve_timeout without a resend
    }
    return clock.instant().plus(repeatInterval.multipliedBy(ENDS_AT_INTERVALS));
  }

  /** Alertmanager label names must match [a-zA-Z_][a-zA-Z0-9_]*. */
  static Map<String, String> labels(Alert a) {
    Map<String, String> labels = new TreeMap<>();
    for (Map.Entry<String, String> e : a.getLabels().entrySet()) {
      labels.put(labelName(e.getKey()), e.getValue());
    }
    labels.put("alertname", a.getRuleId());
    labels.put("model", a.getModelId());
    labels.put("severity", a.getSeverity());
    return labels;
  }

  static String labelName(String name) {
    String cleaned = name.replaceAll("[^a-zA-Z0-9_]", "_");
    return cleaned.isEmpty() || Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
  }
}
