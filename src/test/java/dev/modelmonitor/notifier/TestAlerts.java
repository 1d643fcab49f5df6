package dev.modelmonitor.notifier;

import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertContext;
import dev.modelmonitor.schema.AlertStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts as the alerts topology emits them, for tests. */
public final class TestAlerts {
  public static final Instant STARTS_AT = Instant.parse("2025-03-01T10:00:00Z");
  public static final Instant ENDS_AT = Instant.parse("2025-03-01T10:20:00Z");

  private TestAlerts() {}

  /** A critical error-rate alert on fraud-model, firing. */
  public static Alert.Builder errorRate() {
    return Alert.newBuilder()
        .setAlertId("a-7f3e")
        .setRuleId("high-error-rate")
        .setModelId("fraud-model")
        .setModelVersion("3")
        .setSeverity("critical")
        .setStatus(AlertStatus.FIRING)
        .setMetric("error_rate")
        .setOp(">")
        .setValue(0.125)
        .setThreshold(0.05)
        .setStartsAt(STARTS_AT)
        .setEmittedAt(STARTS_AT)
        .setSummary("fraud-model error rate 0.125 > 0.05")
        .setDescription("More than 5% of predictions failed over the last minute.")
        .setLabels(Map.of("model", "fraud-model", "severity", "critical", "team", "risk"))
        .setContext(
            List.of(
                AlertContext.newBuilder().setName("TimeoutError").setScore(42.0)
                    .setDetail("calls to feature store").build(),
                AlertContext.newBuilder().setName("ValueError").setScore(3.0).build()))
        .setUrl("http://localhost:8080/alerts/a-7f3e");
  }

  public static Alert firing() {
    return errorRate().build();
  }

  public static Alert resolved() {
    return errorRate()
        .setStatus(AlertStatus.RESOLVED)
        .setValue(0.01)
        .setEndsAt(ENDS_AT)
        .setEmittedAt(ENDS_AT)
        .build();
  }

  /** A warning drift alert on the given model. */
  public static Alert drift(String alertId, String model) {
    return Alert.newBuilder()
        .setAlertId(alertId)
        .setRuleId("feature-drift")
        .setModelId(model)
        .setSeverity("warning")
        .setStatus(AlertStatus.FIRING)
        .setMetric("drift:amount")
        .setValue(0.31)
        .setThreshold(0.2)
        .setStartsAt(STARTS_AT)
        .setEmittedAt(STARTS_AT)
        .setSummary(model + " amount drifted (PSI 0.31)")
        .setLabels(Map.of("model", model, "severity", "warning"))
        .setContext(
            List.of(
                AlertContext.newBuilder().setName("amount").setScore(0.31)
                    .setReference("median 12.0").setCurrent("median 30.5").build()))
        .setUrl("http://localhost:8080/alerts/" + alertId)
        .build();
  }

  /**
   * A transition of a threshold alert: FIRING at {@code startsAt}, or RESOLVED at {@code
   * emittedAt} (its {@code endsAt}).
   */
  public static Alert transition(String alertId, String model, String rule, String severity,
      AlertStatus status, Instant startsAt, Instant emittedAt, String summary) {
    return Alert.newBuilder()
        .setAlertId(alertId)
        .setRuleId(rule)
        .setModelId(model)
        .setSeverity(severity)
        .setStatus(status)
        .setMetric("error_rate")
        .setValue(status == AlertStatus.FIRING ? 0.125 : 0.01)
        .setThreshold(0.05)
        .setStartsAt(startsAt)
        .setEndsAt(status == AlertStatus.RESOLVED ? emittedAt : null)
        .setEmittedAt(emittedAt)
        .setSummary(summary)
        .setLabels(Map.of("model", model, "severity", severity))
        .setUrl("http://localhost:8080/alerts/" + alertId)
        .build();
  }
}
