package dev.modelmonitor.alerts.rules;

import dev.modelmonitor.schema.AlertRule;
import dev.modelmonitor.schema.LifecycleState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks rules as they are stored ({@link AlertRule}, from a file or the rules topic) and turns
 * them into {@link Rule}s. A set of rules is valid only as a whole: {@link #validateAll} refuses
 * all of them when one is wrong, with every problem named by rule and field.
 */
public final class RuleValidator {
  /** Longest window and {@code for} a rule may ask for. */
  public static final Duration MAX_WINDOW = Duration.ofDays(7);
  /** Shortest window: the finest time bucket. */
  public static final Duration MIN_WINDOW = Duration.ofSeconds(1);

  private static final Pattern FIELD = Pattern.compile("field '([A-Za-z_]+)");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final Set<String> STATES =
      new HashSet<>(Arrays.stream(LifecycleState.values()).map(Enum::name).toList());

  private RuleValidator() {}

  /**
   * Validates one rule.
   *
   * @throws RuleValidationException naming the rule and each bad field
   */
  public static Rule validate(AlertRule rule) {
    List<String> problems = new ArrayList<>();
    Rule valid = check(rule, label(rule, 0), List.of(), problems);
    if (!problems.isEmpty()) {
      throw new RuleValidationException(problems);
    }
    return valid;
  }

  /**
   * Validates rules that apply together: each one, and that no id repeats.
   *
   * @throws RuleValidationException with every problem of every rule; none of them is valid
   */
  public static List<Rule> validateAll(List<AlertRule> rules) {
    return validateAll(rules, List.of());
  }

  /**
   * As {@link #validateAll(List)}, with problems already found for rule {@code i} (labelled) in
   * {@code earlier.get(i)}: they are reported in order with the rule's own.
   */
  static List<Rule> validateAll(List<AlertRule> rules, List<List<String>> earlier) {
    List<String> problems = new ArrayList<>();
    List<Rule> valid = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      AlertRule rule = rules.get(i);
      String label = label(rule, i + 1);
      int before = problems.size();
      List<String> found = i < earlier.size() ? earlier.get(i) : List.of();
      problems.addAll(found);
      Rule checked = check(rule, label, found, problems);
      if (rule.getId() != null && !rule.getId().isBlank()) {
        Integer first = seen.putIfAbsent(rule.getId(), i + 1);
        if (first != null) {
          problems.add(label + ": field 'id': duplicate; rule #" + first + " has the same id");
        }
      }
      if (checked != null && problems.size() == before) {
        valid.add(checked);
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleValidationException(problems);
    }
    return valid;
  }

  static String label(AlertRule rule, int position) {
    String id = rule.getId();
    if (id != null && !id.isBlank()) {
      return "rule '" + id + "'";
    }
    return position > 0 ? "rule #" + position + " (no id)" : "rule (no id)";
  }

  /**
   * Adds "label: field 'x': …" problems, except for fields {@code earlier} already reports;
   * returns the rule when it had none.
   */
  private static Rule check(AlertRule in, String label, List<String> earlier, List<String> problems) {
    int before = problems.size();
    List<String> own = new ArrayList<>();

    String id = in.getId();
    if (id == null || id.isBlank()) {
      own.add("field 'id': required");
    } else if (!ID.matcher(id).matches()) {
      own.add("field 'id': '" + id + "' must be 1-128 letters, digits, '.', '_', ':' or '-'");
    }
    String model = in.getModel() == null || in.getModel().isBlank() ? Rule.ANY_MODEL : in.getModel().trim();

    Metric metric = null;
    try {
      metric = Metric.parse(in.getMetric());
    } catch (IllegalArgumentException e) {
      own.add("field 'metric': " + e.getMessage());
    }

    Duration window = Duration.ofMillis(in.getWindowMillis());
    if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
      own.add("field 'window': must be between 1s and 7d but was " + in.getWindowMillis() + "ms");
    }
    Duration forDuration = Duration.ofMillis(in.getForMillis());
    if (forDuration.isNegative() || forDuration.compareTo(MAX_WINDOW) > 0) {
      own.add("field 'for': must be between 0s and 7d but was " + in.getForMillis() + "ms");
    }

    if (in.getOp() == null) {
      own.add("field 'op': required; one of " + Op.symbols());
    }
    Op op = in.getOp() == null ? null : Op.fromAvro(in.getOp());
    Double threshold = in.getThreshold();
    List<String> values = in.getValues() == null ? List.of() : in.getValues();
    if (metric != null && op != null) {
      if (metric.kind().isText()) {
        if (!op.isEquality()) {
          own.add("field 'op': '" + op.symbol() + "' compares numbers but metric '" + metric.name()
              + "' is text; use ==, !=, in or not in");
        }
        if (threshold != null) {
          own.add("field 'threshold': metric '" + metric.name() + "' is text; give 'values' instead");
        }
      } else {
        if (op.takesValueSet()) {
          own.add("field 'op': '" + op.symbol() + "' compares text but metric '" + metric.name()
              + "' is a number; use one of >, >=, <, <=, ==, !=");
        } else if (threshold == null) {
          own.add("field 'threshold': required for '" + op.symbol() + "' on metric '" + metric.name() + "'");
        } else if (!Double.isFinite(threshold)) {
          own.add("field 'threshold': must be a finite number but was " + threshold);
        }
        if (!values.isEmpty()) {
          own.add("field 'values': metric '" + metric.name() + "' is a number; give 'threshold' instead");
        }
      }
      if (metric.kind().isText() && op.isEquality()) {
        if (values.isEmpty()) {
          own.add("field 'values': required for '" + op.symbol() + "' on metric '" + metric.name() + "'");
        } else if ((op == Op.EQ || op == Op.NE) && values.size() != 1) {
          own.add("field 'values': '" + op.symbol() + "' compares with one value but " + values.size()
              + " were given; use 'in' or 'not in'");
        }
      }
    }
    if (metric != null && metric.kind() == MetricKind.STATE) {
      List<String> normalized = new ArrayList<>();
      for (String v : values) {
        String state = v == null ? "" : v.trim().toUpperCase(Locale.ROOT);
        if (!STATES.contains(state)) {
          own.add("field 'values': '" + v + "' is not a lifecycle state; one of " + STATES.stream().sorted().toList());
        }
        normalized.add(state);
      }
      values = normalized;
    }

    String severityText = in.getSeverity();
    Severity severity = Severity.parse(severityText).orElse(null);
    if (severity == null) {
      own.add("field 'severity': '" + severityText + "' is not one of " + Severity.labels());
    }

    Map<String, String> labels = in.getLabels() == null ? Map.of() : in.getLabels();
    for (String key : labels.keySet()) {
      if (key.isBlank()) {
        own.add("field 'labels': a label name is empty");
      }
    }
    for (String field : List.of("summary", "description")) {
      String template = field.equals("summary") ? in.getSummary() : in.getDescription();
      for (String unknown : Template.unknownPlaceholders(template)) {
        own.add("field '" + field + "': unknown placeholder {{" + unknown + "}}; known: "
            + Template.NAMES.stream().sorted().toList() + " and labels.<name>");
      }
    }
    Map<String, String> params = in.getParams() == null ? Map.of() : in.getParams();
    if (metric != null) {
      own.addAll(RuleParams.problems(metric.kind(), params));
    }

    Set<String> reported = new HashSet<>();
    for (String problem : earlier) {
      Matcher m = FIELD.matcher(problem);
      if (m.find()) {
        reported.add(m.group(1));
      }
    }
    for (String problem : own) {
      Matcher m = FIELD.matcher(problem);
      if (!m.find() || !reported.contains(m.group(1))) {
        problems.add(label + ": " + problem);
      }
    }
    if (problems.size() > before || !earlier.isEmpty()) {
      return null;
    }
    return new Rule(
        id,
        model,
        metric,
        window,
        op,
        threshold,
        values,
        forDuration,
        severity,
        labels,
        in.getSummary(),
        in.getDescription(),
        trimmed(params),
        in.getEnabled());
  }

  private static Map<String, String> trimmed(Map<String, String> params) {
    Map<String, String> out = new LinkedHashMap<>();
    params.forEach((k, v) -> out.put(k, v.trim()));
    return out;
  }
}
