package dev.modelmonitor.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmonitor.schema.AlertRule;
import dev.modelmonitor.schema.Comparator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleParserTest {
  private static final String DESIGN_EXAMPLE = """
      rules:
        - id: high-error-rate
          model: "*"              # or a model id
          metric: error_rate
          window: 1m
          op: ">"                 # > >= < <= == != in
          threshold: 0.05
          for: 30s
          severity: critical
          summary: "{{model}} error rate {{value}} > {{threshold}}"
      """;

  @Test
  void readsTheRuleOfTheDesign() {
    List<Rule> rules = RuleParser.parse(DESIGN_EXAMPLE, "rules.yaml");
    assertThat(rules).hasSize(1);
    Rule r = rules.get(0);
    assertThat(r.id()).isEqualTo("high-error-rate");
    assertThat(r.model()).isEqualTo("*");
    assertThat(r.metric()).isEqualTo(new Metric("error_rate", MetricKind.ERROR_RATE, null, 0));
    assertThat(r.window()).isEqualTo(Duration.ofMinutes(1));
    assertThat(r.op()).isEqualTo(Op.GT);
    assertThat(r.threshold()).isEqualTo(0.05);
    assertThat(r.forDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(r.summary()).isEqualTo("{{model}} error rate {{value}} > {{threshold}}");
    assertThat(r.enabled()).isTrue();
  }

  @Test
  void appliesDefaultsToOmittedFields() {
    Rule r = RuleParser.parse("""
        rules:
          - id: failed
            metric: state
            op: in
            values: [failed, Degraded]
        """, "f").get(0);
    assertThat(r.model()).isEqualTo("*");
    assertThat(r.window()).isEqualTo(Duration.ofMinutes(1));
    assertThat(r.forDuration()).isEqualTo(Duration.ZERO);
    assertThat(r.severity()).isEqualTo(Severity.WARNING);
    assertThat(r.values()).containsExactly("FAILED", "DEGRADED");
    assertThat(r.labels()).isEmpty();
    assertThat(r.summaryTemplate()).isEqualTo("{{model}} {{metric}} {{value}} {{op}} {{values}}");
  }

  @Test
  void readsEveryField() {
    Rule r = RuleParser.parse("""
        rules:
          - id: shift
            model: churn
            metric: change:latency_ms
            window: 1h30m
            op: ">="
            threshold: 1
            for: 500ms
            severity: info
            labels: {team: ml, tier: 1}
            summary: "{{labels.team}}: {{model}}"
            description: "{{rule}} on {{metric}} over {{window}}"
            params: {lambda: 50, delta: 0.1, direction: both}
            enabled: false
        """, "f").get(0);
    assertThat(r.window()).isEqualTo(Duration.ofMinutes(90));
    assertThat(r.forDuration()).isEqualTo(Duration.ofMillis(500));
    assertThat(r.labels()).isEqualTo(Map.of("team", "ml", "tier", "1"));
    assertThat(r.params()).isEqualTo(Map.of("lambda", "50", "delta", "0.1", "direction", "both"));
    assertThat(r.metric().argument()).isEqualTo("latency_ms");
    assertThat(r.enabled()).isFalse();
  }

  private static List<String> problems(String yaml) {
    try {
      RuleParser.parse(yaml, "rules.yaml");
    } catch (RuleValidationException e) {
      return e.problems();
    }
    throw new AssertionError("expected the rules to be refused");
  }

  private static String one(String fields) {
    return "rules:\n  - " + fields.strip().replace("\n", "\n    ") + "\n";
  }

  @Test
  void refusesAnUnknownMetricNamingRuleAndField() {
    assertThat(problems(one("id: a\nmetric: error_ratio\nop: \">\"\nthreshold: 1")))
        .containsExactly("rule 'a': field 'metric': unknown metric 'error_ratio'; one of "
            + String.join(", ", Metric.FORMS));
  }

  @Test
  void refusesABadDuration() {
    assertThat(problems(one("id: a\nmetric: error_rate\nwindow: 5x\nop: \">\"\nthreshold: 1")))
        .containsExactly("rule 'a': field 'window': '5x' is not a duration; write e.g. 500ms, 30s, 15m, 1h, 30d or 1h30m");
    assertThat(problems(one("id: a\nmetric: error_rate\nfor: soon\nop: \">\"\nthreshold: 1")))
        .containsExactly("rule 'a': field 'for': 'soon' is not a duration; write e.g. 500ms, 30s, 15m, 1h, 30d or 1h30m");
  }

  @Test
  void refusesAMissingThreshold() {
    assertThat(problems(one("id: a\nmetric: latency_p99_ms\nop: \">\"")))
        .containsExactly("rule 'a': field 'threshold': required for '>' on metric 'latency_p99_ms'");
  }

  @Test
  void refusesAnUnknownComparator() {
    assertThat(problems(one("id: a\nmetric: error_rate\nop: \"=>\"\nthreshold: 1")))
        .containsExactly("rule 'a': field 'op': unknown comparator '=>'; one of [>, >=, <, <=, ==, !=, in, not in]"
            + " (quote > and >= in YAML: op: \">\")");
    assertThat(problems(one("id: a\nmetric: error_rate\nthreshold: 1")))
        .containsExactly("rule 'a': field 'op': required; one of [>, >=, <, <=, ==, !=, in, not in]");
  }

  @Test
  void refusesDuplicateIds() {
    String yaml = one("id: a\nmetric: error_rate\nop: \">\"\nthreshold: 1")
        + one("id: a\nmetric: throughput\nop: \"<\"\nthreshold: 1").replace("rules:\n", "");
    assertThat(problems(yaml)).containsExactly("rule 'a': field 'id': duplicate; rule #1 has the same id");
  }

  @Test
  void refusesMistakesOfEveryKind() {
    assertThat(problems(one("metric: error_rate\nop: \">\"\nthreshold: 1")))
        .containsExactly("rule #1 (no id): field 'id': required");
    assertThat(problems(one("id: a\nmetric: error_rate\nop: \">\"\nthreshold: 1\ntreshold: 2")))
        .containsExactly("rule 'a': field 'treshold': unknown field; known fields: "
            + RuleParser.FIELDS.stream().sorted().toList());
    assertThat(problems(one("id: a\nmetric: error_rate\nop: in\nvalues: [x]")))
        .containsExactly(
            "rule 'a': field 'op': 'in' compares text but metric 'error_rate' is a number; use one of >, >=, <, <=, ==, !=",
            "rule 'a': field 'values': metric 'error_rate' is a number; give 'threshold' instead");
    assertThat(problems(one("id: a\nmetric: state\nop: \">\"\nthreshold: 1")))
        .containsExactly(
            "rule 'a': field 'op': '>' compares numbers but metric 'state' is text; use ==, !=, in or not in",
            "rule 'a': field 'threshold': metric 'state' is text; give 'values' instead");
    assertThat(problems(one("id: a\nmetric: state\nop: in\nvalues: [BROKEN]")))
        .containsExactly("rule 'a': field 'values': 'BROKEN' is not a lifecycle state; one of "
            + "[DEGRADED, FAILED, LOADING, READY, STARTING, STOPPED]");
    assertThat(problems(one("id: a\nmetric: version\nop: \"==\"\nvalues: [1, 2]")))
        .containsExactly("rule 'a': field 'values': '==' compares with one value but 2 were given; use 'in' or 'not in'");
    assertThat(problems(one("id: a\nmetric: error_rate\nop: \">\"\nthreshold: high")))
        .containsExactly("rule 'a': field 'threshold': must be a number but was 'high'");
    assertThat(problems(one("id: a\nmetric: error_rate\nop: \">\"\nthreshold: 1\nseverity: page")))
        .containsExactly("rule 'a': field 'severity': 'page' is not one of [critical, warning, info]");
    assertThat(problems(one("id: a\nmetric: error_rate\nop: \">\"\nthreshold: 1\nsummary: \"{{modle}}\"")))
        .containsExactly("rule 'a': field 'summary': unknown placeholder {{modle}}; known: "
            + Template.NAMES.stream().sorted().toList() + " and labels.<name>");
    assertThat(problems(one("id: a\nmetric: error_rate\nop: \">\"\nthreshold: 1\nparams: {lambda: 3}")))
        .containsExactly("rule 'a': field 'params.lambda': unknown parameter for this metric; accepted: no_data, min_events");
    assertThat(problems(one("id: a\nmetric: drift:age\nop: \">\"\nthreshold: 1\nparams: {method: kl}")))
        .containsExactly("rule 'a': field 'params.method': must be psi|js|ks|wasserstein_normed|decision but was 'kl'");
    assertThat(problems(one("id: a\nmetric: error_rate\nop: \">\"\nthreshold: 1\nwindow: 8d")))
        .containsExactly("rule 'a': field 'window': must be between 1s and 7d but was 691200000ms");
    assertThat(problems(one("id: a\nmetric: latency_p100_ms\nop: \">\"\nthreshold: 1")))
        .containsExactly("rule 'a': field 'metric': unknown metric 'latency_p100_ms'; one of "
            + String.join(", ", Metric.FORMS));
    assertThat(problems(one("id: a\nmetric: change:throughput\nop: \">\"\nthreshold: 0")))
        .containsExactly("rule 'a': field 'metric': 'change:throughput': a change detector watches one of [latency_ms, error_rate]");
    assertThat(problems(one("id: a b\nmetric: error_rate\nop: \">\"\nthreshold: 1")))
        .containsExactly("rule 'a b': field 'id': 'a b' must be 1-128 letters, digits, '.', '_', ':' or '-'");
  }

  @Test
  void refusesTheWholeFileWhenOneRuleIsWrongAndListsEveryProblem() {
    String yaml = DESIGN_EXAMPLE + """
          - id: slow
            metric: latency_p99_ms
            op: ">"
          - id: quiet
            metric: silence_s
            op: ">"
            threshold: 60
            for: 1x
        """;
    assertThatThrownBy(() -> RuleParser.parse(yaml, "rules.yaml"))
        .isInstanceOf(RuleValidationException.class)
        .hasMessage("rule 'slow': field 'threshold': required for '>' on metric 'latency_p99_ms'\n"
            + "rule 'quiet': field 'for': '1x' is not a duration; write e.g. 500ms, 30s, 15m, 1h, 30d or 1h30m");
  }

  @Test
  void refusesFilesThatAreNotRulesFiles() {
    assertThat(problems("")).containsExactly("rules.yaml: empty; a rules file has a 'rules:' list");
    assertThat(problems("alerts: []")).containsExactly(
        "rules.yaml: unknown top-level key 'alerts'; a rules file has only 'rules:'",
        "rules.yaml: no 'rules:' list");
    assertThat(problems("rules: {id: a}")).containsExactly("rules.yaml: 'rules' must be a list of rules");
    assertThat(problems("rules:\n  - id: a\n  id: b\n")).singleElement()
        .satisfies(p -> assertThat(p).startsWith("rules.yaml: not valid YAML: "));
    assertThat(problems(one("id: a\nid: b\nmetric: error_rate"))).singleElement()
        .satisfies(p -> assertThat(p).startsWith("rules.yaml: not valid YAML: Duplicate field 'id'"));
  }

  @Test
  void anEmptyListIsNoRules() {
    assertThat(RuleParser.parse("rules: []", "f")).isEmpty();
  }

  @Test
  void convertsToAndFromTheStoredForm() {
    Rule r = RuleParser.parse(one("""
        id: a
        model: m
        metric: drift:age
        window: 15m
        op: ">="
        threshold: 0.2
        for: 5m
        severity: critical
        labels: {team: ml}
        description: d
        params: {method: js}
        """), "f").get(0);
    AlertRule avro = r.toAvro();
    assertThat(avro.getOp()).isEqualTo(Comparator.GE);
    assertThat(avro.getWindowMillis()).isEqualTo(900_000L);
    assertThat(avro.getForMillis()).isEqualTo(300_000L);
    assertThat(avro.getSeverity()).isEqualTo("critical");
    assertThat(RuleValidator.validate(avro)).isEqualTo(r);
  }

  @Test
  void writesRulesThatReadBackTheSame() {
    List<Rule> rules = DefaultRules.load();
    String yaml = RuleYaml.write(rules);
    assertThat(RuleParser.parse(yaml, "listing")).isEqualTo(rules);
    assertThat(yaml).contains("    op: '>'\n").doesNotContain("\\\n");
  }
}
