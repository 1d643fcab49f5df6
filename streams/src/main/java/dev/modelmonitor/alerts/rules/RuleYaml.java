package dev.modelmonitor.alerts.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.modelmonitor.streams.Durations;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes rules in the rules-file format {@link RuleParser} reads, so a listing can be re-applied. */
public final class RuleYaml {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

  private RuleYaml() {}

  public static String write(List<Rule> rules) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Rule rule : rules) {
      out.add(fields(rule));
    }
    try {
      return YAML.writeValueAsString(Map.of("rules", out));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> fields(Rule rule) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", rule.id());
    m.put("model", rule.model());
    m.put("metric", rule.metric().name());
    m.put("window", Durations.format(rule.window()));
    m.put("op", rule.op().symbol());
    if (rule.threshold() != null) {
      double t = rule.threshold();
      m.put("threshold", t == Math.rint(t) && Math.abs(t) < 1e15 ? (Object) (long) t : (Object) t);
    }
    if (!rule.values().isEmpty()) {
      m.put("values", rule.values());
    }
    m.put("for", Durations.format(rule.forDuration()));
    m.put("severity", rule.severity().label());
    if (!rule.labels().isEmpty()) {
      m.put("labels", new TreeMap<>(rule.labels()));
    }
    if (rule.summary() != null) {
      m.put("summary", rule.summary());
    }
    if (rule.description() != null) {
      m.put("description", rule.description());
    }
    if (!rule.params().isEmpty()) {
      m.put("params", new TreeMap<>(rule.params()));
    }
    if (!rule.enabled()) {
      m.put("enabled", false);
    }
    return m;
  }
}
