package dev.modelmonitor.alerts;

import dev.modelmonitor.alerts.rules.RuleParser;
import dev.modelmonitor.schema.AlertRule;

/** Rules for tests. */
final class RuleFixtures {
  private RuleFixtures() {}

  /** The stored form of the only rule in {@code yaml}. */
  static AlertRule avro(String yaml) {
    return RuleParser.parse(yaml, "test").get(0).toAvro();
  }
}
