package dev.modelmonitor.alerts.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.modelmonitor.schema.AlertRule;
import dev.modelmonitor.streams.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rules file (DESIGN §6):
 *
 * <pre>{@code
 * rules:
 *   - id: high-error-rate
 *     model: "*"
 *     metric: error_rate
 *     window: 1m
 *     op: ">"
 *     threshold: 0.05
 *     for: 30s
 *     severity: critical
 *     summary: "{{model}} error rate {{value}} > {{threshold}}"
 * }</pre>
 *
 * <p>All or nothing: a file with one bad rule yields no rules, and the exception lists every
 * problem of every rule by rule id and field.
 */
public final class RuleParser {
  static final Set<String> FIELDS =
      Set.of(
          "id", "model", "metric", "window", "op", "threshold", "values", "for", "severity",
          "labels", "summary", "description", "params", "enabled");
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  private RuleParser() {}

  /**
   * Parses and validates {@code file}.
   *
   * @throws RuleValidationException listing every problem
   * @throws IOException when the file cannot be read
   */
  public static List<Rule> parse(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses and validates a classpath resource or stream, named {@code source} in messages. */
  public static List<Rule> parse(InputStream in, String source) throws IOException {
    return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
  }

  /**
   * Parses and validates rules YAML.
   *
   * @param source names the text in messages (a file name)
   * @throws RuleValidationException listing every problem
   */
  public static List<Rule> parse(String yaml, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new RuleValidationException(
          List.of(source + ": not valid YAML: " + e.getOriginalMessage()
              + location(e)));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new RuleValidationException(List.of(source + ": empty; a rules file has a 'rules:' list"));
    }
    if (!root.isObject()) {
      throw new RuleValidationException(List.of(source + ": a rules file is a mapping with a 'rules:' list"));
    }
    List<String> topProblems = new ArrayList<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("rules")) {
        topProblems.add(source + ": unknown top-level key '" + key + "'; a rules file has only 'rules:'");
      }
    }
    JsonNode list = root.get("rules");
    if (list == null || list.isNull()) {
      topProblems.add(source + ": no 'rules:' list");
    } else if (!list.isArray()) {
      topProblems.add(source + ": 'rules' must be a list of rules");
    }
    if (!topProblems.isEmpty()) {
      throw new RuleValidationException(topProblems);
    }
    List<AlertRule> rules = new ArrayList<>();
    List<List<String>> problems = new ArrayList<>();
    int position = 0;
    for (JsonNode node : list) {
      position++;
      List<String> own = new ArrayList<>();
      rules.add(read(node, position, own));
      problems.add(own);
    }
    return RuleValidator.validateAll(rules, problems);
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  /** The rule as stored, with the fields that could be read; problems are labelled. */
  private static AlertRule read(JsonNode node, int position, List<String> problems) {
    AlertRule rule = new AlertRule();
    rule.setModel(Rule.ANY_MODEL);
    rule.setWindowMillis(DEFAULT_WINDOW.toMillis());
    rule.setForMillis(0L);
    rule.setSeverity(Severity.WARNING.label());
    rule.setValues(new ArrayList<>());
    rule.setLabels(new LinkedHashMap<>());
    rule.setParams(new LinkedHashMap<>());
    rule.setEnabled(true);
    if (!node.isObject()) {
      problems.add("rule #" + position + ": must be a mapping of fields (id, metric, op, …)");
      rule.setId("");
      rule.setMetric("");
      return rule;
    }
    JsonNode id = node.get("id");
    rule.setId(id != null && id.isValueNode() ? id.asText() : null);
    String label = RuleValidator.label(rule, position);
    Field field = new Field(label, problems);

    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        field.problem(name, "unknown field; known fields: " + FIELDS.stream().sorted().toList());
      }
    }
    if (id != null && !id.isValueNode()) {
      field.problem("id", "must be text");
    }
    rule.setModel(field.text(node, "model", Rule.ANY_MODEL));
    rule.setMetric(field.text(node, "metric", null));
    rule.setWindowMillis(field.duration(node, "window", DEFAULT_WINDOW).toMillis());
    rule.setForMillis(field.duration(node, "for", Duration.ZERO).toMillis());
    String op = field.text(node, "op", null);
    if (op != null) {
      Op parsed = Op.parse(op).orElse(null);
      if (parsed == null) {
        field.problem("op", "unknown comparator '" + op + "'; one of " + Op.symbols()
            + " (quote > and >= in YAML: op: \">\")");
      } else {
        rule.setOp(parsed.toAvro());
      }
    }
    rule.setThreshold(field.number(node, "threshold"));
    rule.setValues(field.list(node, "values"));
    rule.setSeverity(field.text(node, "severity", Severity.WARNING.label()));
    rule.setLabels(field.map(node, "labels"));
    rule.setSummary(field.text(node, "summary", null));
    rule.setDescription(field.text(node, "description", null));
    rule.setParams(field.map(node, "params"));
    JsonNode enabled = node.get("enabled");
    if (enabled != null && !enabled.isNull()) {
      if (enabled.isBoolean()) {
        rule.setEnabled(enabled.booleanValue());
      } else {
        field.problem("enabled", "must be true or false but was '" + enabled.asText() + "'");
      }
    }
    return rule;
  }

  /** Reads typed fields of one rule, recording "label: field 'x': …" problems. */
  private record Field(String label, List<String> problems) {
    void problem(String name, String message) {
      problems.add(label + ": field '" + name + "': " + message);
    }

    String text(JsonNode node, String name, String fallback) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isValueNode()) {
        problem(name, "must be a single value");
        return fallback;
      }
      return v.asText();
    }

    Duration duration(JsonNode node, String name, Duration fallback) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (v.isNumber() && v.asDouble() == 0) {
        return Duration.ZERO;
      }
      try {
        return Durations.parse(v.asText());
      } catch (IllegalArgumentException e) {
        problem(name, e.getMessage());
        return fallback;
      }
    }

    Double number(JsonNode node, String name) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        return null;
      }
      if (v.isNumber()) {
        return v.doubleValue();
      }
      if (v.isTextual()) {
        try {
          return Double.parseDouble(v.asText().trim());
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      problem(name, "must be a number but was '" + v.asText() + "'");
      return null;
    }

    List<String> list(JsonNode node, String name) {
      JsonNode v = node.get(name);
      List<String> out = new ArrayList<>();
      if (v == null || v.isNull()) {
        return out;
      }
      if (v.isValueNode()) {
        out.add(v.asText());
        return out;
      }
      if (!v.isArray()) {
        problem(name, "must be a list, e.g. [FAILED, DEGRADED]");
        return out;
      }
      for (JsonNode item : v) {
        if (!item.isValueNode() || item.isNull()) {
          problem(name, "items must be single values");
        } else {
          out.add(item.asText());
        }
      }
      return out;
    }

    Map<String, String> map(JsonNode node, String name) {
      JsonNode v = node.get(name);
      Map<String, String> out = new LinkedHashMap<>();
      if (v == null || v.isNull()) {
        return out;
      }
      if (!v.isObject()) {
        problem(name, "must be a mapping of names to values");
        return out;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isValueNode() || e.getValue().isNull()) {
          problem(name + "." + e.getKey(), "must be a single value");
        } else {
          out.put(e.getKey(), e.getValue().asText());
        }
      }
      return out;
    }
  }
}
