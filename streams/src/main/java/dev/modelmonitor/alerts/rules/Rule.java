package dev.modelmonitor.alerts.rules;

import dev.modelmonitor.schema.AlertRule;
import dev.modelmonitor.streams.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated alert rule: watch {@code metric} of {@code model} (or every model, {@code *})
 * over a sliding {@code window}; when {@code metric op threshold} (or {@code op values}) has held
 * for {@code forDuration}, fire once; resolve once when it clears. Build one with {@link
 * RuleParser} or {@link RuleValidator}, never half-valid.
 *
 * @param summary template of the one-line summary; null uses {@link #summaryTemplate()}'s default
 */
public record Rule(
    String id,
    String model,
    Metric metric,
    Duration window,
    Op op,
    Double threshold,
    List<String> values,
    Duration forDuration,
    Severity severity,
    Map<String, String> labels,
    String summary,
    String description,
    Map<String, String> params,
    boolean enabled) {

  /** Every model. */
  public static final String ANY_MODEL = "*";

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(forDuration, "forDuration");
    Objects.requireNonNull(severity, "severity");
    values = List.copyOf(values);
    labels = Map.copyOf(labels);
    params = Map.copyOf(params);
  }

  /** Whether it watches {@code modelId}. */
  public boolean appliesTo(String modelId) {
    return ANY_MODEL.equals(model) || model.equals(modelId);
  }

  /** A parameter, or {@code fallback} when the rule does not set it. */
  public String param(String key, String fallback) {
    return params.getOrDefault(key, fallback);
  }

  /** A numeric parameter (validated when the rule was built), or {@code fallback}. */
  public double numberParam(String key, double fallback) {
    String v = params.get(key);
    return v == null ? fallback : Double.parseDouble(v.trim());
  }

  /** The summary template in force: the rule's, else "{{model}} {{metric}} {{value}} {{op}} …". */
  public String summaryTemplate() {
    if (summary != null) {
      return summary;
    }
    return "{{model}} {{metric}} {{value}} {{op}} "
        + (op.takesValueSet() || metric.kind().isText() ? "{{values}}" : "{{threshold}}");
  }

  /** The Avro form published on the rules topic. */
  public AlertRule toAvro() {
    return AlertRule.newBuilder()
        .setId(id)
        .setModel(model)
        .setMetric(metric.name())
        .setWindowMillis(window.toMillis())
        .setOp(op.toAvro())
        .setThreshold(threshold)
        .setValues(new ArrayList<>(values))
        .setForMillis(forDuration.toMillis())
        .setSeverity(severity.label())
        .setLabels(new LinkedHashMap<>(labels))
        .setSummary(summary)
        .setDescription(description)
        .setParams(new LinkedHashMap<>(params))
        .setEnabled(enabled)
        .build();
  }

  /** The rule as one line, for listings: {@code id: model metric op threshold [window, for]}. */
  public String describe() {
    String target = op.takesValueSet() || metric.kind().isText() ? values.toString() : format(threshold);
    return id + ": " + model + " " + metric.name() + " " + op.symbol() + " " + target
        + " (window " + Durations.format(window) + ", for " + Durations.format(forDuration)
        + ", " + severity.label() + (enabled ? "" : ", disabled") + ")";
  }

  private static String format(Double d) {
    if (d == null) {
      return "";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
  }
}
