package dev.modelmonitor.notifier.channel;

import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One message to one receiver: a single alert, or several alerts for the same model gathered
 * within the group window.
 *
 * @param repeat 0 for the first notification of these alerts, n for the n-th re-notification of
 *     a still-firing alert
 */
public record Notification(String receiver, List<Alert> alerts, int repeat) {

  public Notification {
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("a notification needs at least one alert");
    }
    alerts = List.copyOf(alerts);
  }

  /** The key a receiver deduplicates one alert's notifications by: {@code alertId:status}. */
  public static String idempotencyKey(Alert alert) {
    return alert.getAlertId() + ":" + alert.getStatus();
  }

  /** The alerts' idempotency keys, comma-separated (exactly one key for a single alert). */
  public String idempotencyKey() {
    return alerts.stream().map(Notification::idempotencyKey).collect(Collectors.joining(","));
  }

  /** FIRING when any alert in it fires, else RESOLVED. */
  public AlertStatus status() {
    return alerts.stream().anyMatch(a -> a.getStatus() == AlertStatus.FIRING)
        ? AlertStatus.FIRING
        : AlertStatus.RESOLVED;
  }

  /** The model the alerts are about (all alerts of a notification share it). */
  public String modelId() {
    return alerts.get(0).getModelId();
  }

  public boolean isGroup() {
    return alerts.size() > 1;
  }
}
