package dev.modelmonitor.topic;

import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertRule;
import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.StateEvent;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The topics of the pipeline (DESIGN §3): name suffix, value type and the topic configuration
 * they are created with. The full name is a configurable prefix plus the suffix, see {@link
 * TopicNames}.
 */
public enum MonitorTopic {
  PREDICTIONS("predictions", PredictionEvent.class, Cleanup.DELETE, Duration.ofDays(7)),
  LABELS("labels", LabelEvent.class, Cleanup.DELETE, Duration.ofDays(7)),
  STATE("state", StateEvent.class, Cleanup.DELETE, Duration.ofDays(7)),
  REFERENCE("reference", ReferenceProfile.class, Cleanup.COMPACT, null),
  RULES("rules", AlertRule.class, Cleanup.COMPACT, null),
  ALERTS("alerts", Alert.class, Cleanup.DELETE, Duration.ofDays(30)),
  REPORTS("reports", ModelReport.class, Cleanup.DELETE, Duration.ofDays(90)),
  CHECK_REQUESTS("checks.requests", CheckRequest.class, Cleanup.DELETE, Duration.ofDays(1)),
  CHECK_RESULTS("checks.results", CheckResult.class, Cleanup.DELETE, Duration.ofDays(1)),
  DLQ("dlq", DeadLetter.class, Cleanup.DELETE, Duration.ofDays(30));

  /** Kafka's {@code cleanup.policy}. */
  public enum Cleanup {
    DELETE,
    COMPACT
  }

  private final String suffix;
  private final Class<? extends SpecificRecord> valueType;
  private final Cleanup cleanup;
  private final Duration retention;

  MonitorTopic(
      String suffix, Class<? extends SpecificRecord> valueType, Cleanup cleanup, Duration retention) {
    this.suffix = suffix;
    this.valueType = valueType;
    this.cleanup = cleanup;
    this.retention = retention;
  }

  /** The name without prefix, for example {@code checks.requests}. */
  public String suffix() {
    return suffix;
  }

  /** The Avro record class of the values. */
  public Class<? extends SpecificRecord> valueType() {
    return valueType;
  }

  public Cleanup cleanup() {
    return cleanup;
  }

  /** The topic-level configs it is created with ({@code cleanup.policy}, {@code retention.ms}). */
  public Map<String, String> configs() {
    if (cleanup == Cleanup.COMPACT) {
      return Map.of("cleanup.policy", "compact");
    }
    return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
  }
}
